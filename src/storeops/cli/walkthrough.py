"""The interactive routine: header, checks, attention list, then the manual items, one key each.

Every answer goes to `routine.runs.record_answer` the moment it is given, so quitting, Ctrl-C
or a crash loses nothing; the next run offers to resume where this one stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from storeops.checklists.loader import ChecklistSet
    from storeops.checklists.schema import Item, ValueField
    from storeops.config import Settings
    from storeops.db import Store

KeyReader = Callable[[str, str], str]
LineReader = Callable[[str], str]

ITEM_KEYS = "dsnlp?q"
ITEM_HELP = "[d]one [s]kip [n]ote [l]ater [p]roblem [?]help [q]pause"
ACK_KEYS = "anlq"
ACK_HELP = "[a]cknowledge [n]ote [l]ater [q]pause"


class PausedError(Exception):
    """The operator pressed q: stop here, the run stays resumable."""


@dataclass
class Tally:
    """Answers given in this sitting, for the closing summary."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, answer: str) -> None:
        """Count one answer."""
        self.counts[answer] = self.counts.get(answer, 0) + 1


@dataclass
class Walkthrough:
    """One sitting of a routine run in a terminal."""

    store: Store
    settings: Settings
    checklists: ChecklistSet
    console: Console
    read_key: KeyReader
    read_line: LineReader
    kind: str
    scope: str
    when: str | None
    area: str | None
    operator: str
    run_id: int = 0
    tally: Tally = field(default_factory=Tally)

    def _now(self) -> Any:
        from storeops import clock

        return clock.now()

    def answer(self, item_id: str, area: str, answer: str, started: float, **extra: Any) -> None:
        """Commit one answer at once."""
        from storeops.routine.runs import record_answer

        record_answer(
            self.store,
            self.run_id,
            item_id=item_id,
            area=area,
            answer=answer,
            now=self._now(),
            duration_ms=round((time.monotonic() - started) * 1000, 1),
            operator=self.operator,
            **extra,
        )
        self.tally.add(answer)

    def acknowledge(self, pending: list[tuple[str, str, str, str]]) -> None:
        """Ask for an acknowledgement of each WARN/CRIT: (item id, area, level, summary)."""
        for item_id, area, level, summary in pending:
            started = time.monotonic()
            style = "bold red" if level == "CRIT" else "yellow"
            self.console.print(f"[{style}]{level}[/] {area}: {summary}", highlight=False)
            key = self.read_key(f"  {ACK_HELP} > ", ACK_KEYS)
            if key == "q":
                raise PausedError
            if key == "l":
                self.tally.add("later")
                continue
            note = self.read_line("  note: ") if key == "n" else ""
            self.answer(item_id, area, "acknowledged", started, note=note)

    def walk(self, items: list[tuple[str, Item]]) -> None:
        """Ask each manual item in turn, area by area."""
        current_area = None
        for area, item in items:
            if area != current_area:
                current_area = area
                title = self.checklists.area(area).title
                self.console.rule(f"[bold]{title}[/]", align="left")
            self._ask(area, item)

    def _ask(self, area: str, item: Item) -> None:
        started = time.monotonic()
        note = ""
        self.console.print(f"[bold]{item.title}[/]  [dim]({item.id})[/]", highlight=False)
        while True:
            key = self.read_key(f"  {ITEM_HELP} > ", ITEM_KEYS)
            if key == "?":
                self.console.print(f"  {item.description}", highlight=False, markup=False)
                continue
            if key == "n":
                note = self.read_line("  note: ")
                continue
            if key == "q":
                raise PausedError
            if key == "l":
                self.answer(item.id, area, "later", started, note=note)
                return
            if key == "s":
                reason = self.read_line("  why skip? ")
                self.answer(item.id, area, "skipped", started, note=reason or note)
                return
            if key == "p":
                problem = self.read_line("  what is the problem? ")
                self.answer(item.id, area, "problem", started, note=problem or note)
                return
            values = self._fields(item.fields)
            self.answer(item.id, area, "done", started, note=note, fields=values)
            return

    def _fields(self, fields: list[ValueField]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in fields:
            while True:
                text = self.read_line(f"  {spec.label}: ")
                if text == "":
                    break  # optional: an empty answer records nothing
                try:
                    values[spec.name] = _convert(spec.type, text)
                    break
                except ValueError:
                    self.console.print(f"  [yellow]{spec.label} needs {_KIND[spec.type]}[/]")
        return values


_KIND = {"int": "a whole number", "number": "a number", "text": "text", "bool": "y or n"}


def _convert(kind: str, text: str) -> Any:
    if kind == "int":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "bool":
        lowered = text.lower()
        if lowered in ("y", "yes", "true", "1"):
            return True
        if lowered in ("n", "no", "false", "0"):
            return False
        raise ValueError(text)
    return text


def format_elapsed(seconds: float) -> str:
    """`4m 05s` style."""
    delta = timedelta(seconds=round(seconds))
    minutes, secs = divmod(int(delta.total_seconds()), 60)
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"
