"""The check contract: what a check type is, what it is given, and what it returns.

A check type is one small class registered under a dotted name (`orders.unprocessed`). It
declares typed parameters (a pydantic model that forbids unknown keys), default thresholds,
and `measure(ctx, params)`, which returns a `Measurement`: a number, a one-line summary a
person can act on, and the rows behind the number. Turning the number into a level against
the item's thresholds is the runner's job, so every check is judged the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    import httpx

    from storeops.config import Settings
    from storeops.db import Executor


class Level(enum.StrEnum):
    """A check's verdict. The exit code of a run is the worst level (SKIPPED counts as OK)."""

    OK = "OK"
    WARN = "WARN"
    CRIT = "CRIT"
    UNKNOWN = "UNKNOWN"
    SKIPPED = "SKIPPED"

    @property
    def exit_code(self) -> int:
        """Nagios convention: 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN."""
        return _EXIT_CODES[self]

    @property
    def is_bad(self) -> bool:
        """WARN and CRIT need a person; UNKNOWN needs a fix to storeops' setup."""
        return self in (Level.WARN, Level.CRIT, Level.UNKNOWN)


_EXIT_CODES = {Level.OK: 0, Level.SKIPPED: 0, Level.WARN: 1, Level.CRIT: 2, Level.UNKNOWN: 3}
# How bad a level is, for "worst first" ordering: CRIT > UNKNOWN > WARN > OK > SKIPPED.
SEVERITY = {Level.SKIPPED: 0, Level.OK: 1, Level.WARN: 2, Level.UNKNOWN: 3, Level.CRIT: 4}


def worst(levels: Sequence[Level]) -> Level:
    """The level that decides a run's exit code: the highest exit code among `levels`."""
    return max(levels, key=lambda level: level.exit_code, default=Level.OK)


class Params(BaseModel):
    """Base of every check type's parameters: unknown keys are errors."""

    # Validators are built when a check type's parameters are first read, not when its
    # module is imported: a run imports every check module but judges only the due ones,
    # and each process of a forked run builds just those it judges.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class NoParams(Params):
    """For check types that take no parameters."""


@dataclass
class CheckContext:
    """Everything a check may use. Checks never open their own connection or client.

    `session` is where the check's SQL runs: in a run, a Core connection pinned to the run's
    snapshot (an ORM session works too). Checks write their SQL against `storeops.tables`,
    whose columns are named as the models name them, so a run never imports the models.
    """

    session: Executor
    settings: Settings
    now: datetime
    zone: tzinfo
    http_factory: Callable[[], httpx.Client] | None = None
    _http: httpx.Client | None = field(default=None, repr=False)

    @property
    def today(self) -> date:
        """The store's local calendar date."""
        return self.now.astimezone(self.zone).date()

    def local_midnight(self, day: date) -> datetime:
        """The instant the store's local `day` begins, in UTC (DST-correct)."""
        from datetime import UTC

        start = datetime(day.year, day.month, day.day, tzinfo=self.zone)
        return start.astimezone(UTC)

    def hours_ago(self, hours: float) -> datetime:
        """The instant `hours` before now."""
        return self.now - timedelta(hours=hours)

    @property
    def http(self) -> httpx.Client:
        """The shared HTTP client (made on first use)."""
        if self._http is None:
            if self.http_factory is None:
                raise RuntimeError("this run has no HTTP client")
            self._http = self.http_factory()
        return self._http


@dataclass
class Measurement:
    """What a check found: the number, a sentence for a person, and the rows behind it."""

    value: float | None
    summary: str
    details: list[dict[str, Any]] = field(default_factory=list)
    money_at_stake: Decimal | None = None
    # Set when the check itself decides (e.g. site down is CRIT whatever the thresholds).
    level: Level | None = None


P = TypeVar("P", bound=Params)


class Check(Generic[P]):
    """Base of every check type. Subclasses set the class variables and implement measure()."""

    # Declared before `type`, which shadows the builtin inside this class body.
    params: ClassVar[type[Params]] = NoParams
    type: ClassVar[str]
    title: ClassVar[str]
    # Where the number crosses into WARN/CRIT when the checklist gives no threshold.
    default_warn: ClassVar[float | None] = 1
    default_crit: ClassVar[float | None] = None
    # "higher": value >= threshold is bad (counts, hours late); "lower": value <= threshold is
    # bad (a conversion rate, days of certificate left).
    worse: ClassVar[Literal["higher", "lower"]] = "higher"
    uses_http: ClassVar[bool] = False

    def measure(self, ctx: CheckContext, params: P) -> Measurement:
        """Look at the store (or the site) and return the number with its explanation."""
        raise NotImplementedError

    @classmethod
    def level_for(cls, value: float | None, warn: float | None, crit: float | None) -> Level:
        """The level of `value` against the thresholds, in this check's direction."""
        if value is None:
            return Level.OK
        if cls.worse == "higher":
            if crit is not None and value >= crit:
                return Level.CRIT
            if warn is not None and value >= warn:
                return Level.WARN
            return Level.OK
        if crit is not None and value <= crit:
            return Level.CRIT
        if warn is not None and value <= warn:
            return Level.WARN
        return Level.OK
