"""A physical stock count: read the CSV (sku, counted), compare with on-hand, apply on request.

Every line is validated before anything is applied: one bad line means nothing changes, and
every problem is reported with its file:line so the owner fixes the file in one go.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import col, select

from storeops.errors import StoreOpsError
from storeops.inventory.ledger import move
from storeops.models import Variant

if TYPE_CHECKING:
    from sqlmodel import Session


class CountFileError(StoreOpsError):
    """The count file has problems; `problems` holds each `file:line: message`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            "\n".join([*problems, f"{len(problems)} {noun} in the count file; nothing applied"])
        )


@dataclass(frozen=True)
class Discrepancy:
    """A SKU whose count differs from on-hand, and what the difference is worth at cost."""

    sku: str
    on_hand: int
    counted: int
    unit_cost: Decimal | None

    @property
    def difference(self) -> int:
        """Counted minus on-hand: negative means units are missing."""
        return self.counted - self.on_hand

    @property
    def value(self) -> Decimal | None:
        """The difference at cost (None: cost unknown)."""
        return None if self.unit_cost is None else self.unit_cost * self.difference


def read_count_file(path: Path) -> list[tuple[str, int]]:
    """(sku, counted) per line of a CSV with a `sku,counted` header; all problems at once."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise StoreOpsError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreOpsError(f"{path}: cannot read it ({exc}); save it as UTF-8 CSV") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header[:2]] != ["sku", "counted"]:
        raise CountFileError([f"{path}:1: the first line must be the header: sku,counted"])
    problems: list[str] = []
    rows: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) < 2:
            problems.append(f"{path}:{number}: expected sku,counted, found {len(cells)} column")
            continue
        sku, raw = cells[0].strip(), cells[1].strip()
        if not sku:
            problems.append(f"{path}:{number}: the sku is empty")
            continue
        try:
            counted = int(raw)
        except ValueError:
            problems.append(f"{path}:{number}: counted {raw!r} is not a whole number")
            continue
        if counted < 0:
            problems.append(f"{path}:{number}: counted {counted} is negative")
            continue
        if sku in seen:
            problems.append(f"{path}:{number}: {sku} is already counted on line {seen[sku]}")
            continue
        seen[sku] = number
        rows.append((sku, counted))
    if problems:
        raise CountFileError(problems)
    return rows


def discrepancies(session: Session, path: Path, rows: list[tuple[str, int]]) -> list[Discrepancy]:
    """The counted SKUs whose count differs from on-hand; an unknown SKU is a problem."""
    skus = [sku for sku, _ in rows]
    variants = {
        v.sku: v for v in session.exec(select(Variant).where(col(Variant.sku).in_(skus))).all()
    }
    unknown = [sku for sku in skus if sku not in variants]
    if unknown:
        raise CountFileError([f"{path}: unknown SKU {sku!r}" for sku in unknown])
    found: list[Discrepancy] = []
    for sku, counted in rows:
        variant = variants[sku]
        if counted != variant.on_hand:
            found.append(Discrepancy(sku, variant.on_hand, counted, variant.cost))
    return found


def apply_count(session: Session, found: list[Discrepancy], now: datetime, reference: str) -> None:
    """Write each discrepancy as a `count` movement so on-hand becomes the counted figure."""
    for item in found:
        variant = session.exec(select(Variant).where(col(Variant.sku) == item.sku)).one()
        move(
            session,
            variant,
            item.counted - variant.on_hand,
            kind="count",
            now=now,
            reason="physical count",
            reference=reference,
        )
