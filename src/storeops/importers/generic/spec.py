"""How a generic CSV kind is declared: columns, key, references to rows already in the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Reader = Callable[[str, str], Any]  # (column as spelled, cell) -> value, or raises CellError


@dataclass(frozen=True)
class Column:
    """One documented column: its header, the model field it fills, how it is read."""

    header: str
    field: str
    read: Reader
    required: bool = False
    example: str = ""


@dataclass(frozen=True)
class Reference:
    """A column naming a row already in the store (an order number, a SKU) -> its id."""

    header: str
    table: str
    match: str  # the column of `table` the cell is compared with
    field: str  # the id field it fills
    required: bool = False
    example: str = ""
    lowercase: bool = False  # emails are stored lower-cased
    creates: bool = False  # a name not yet in the store creates the row (campaigns)


@dataclass(frozen=True)
class Kind:
    """A generic CSV kind: the table it fills, its key columns and its columns."""

    name: str  # as typed on the command line: "tickets"
    table: str
    key: tuple[str, ...]  # model fields that identify a row across imports
    columns: tuple[Column, ...]
    references: tuple[Reference, ...] = ()
    fixed: dict[str, Any] = field(default_factory=dict)  # set on every row: {"source": "csv"}
    description: str = ""
    extra_headers: tuple[str, ...] = ()  # read by the importer itself (a campaign's channel)

    @property
    def headers(self) -> list[str]:
        """The template's header row, in documented order."""
        return [
            *(column.header for column in self.columns),
            *(reference.header for reference in self.references),
            *self.extra_headers,
        ]

    @property
    def required_headers(self) -> tuple[str, ...]:
        """Columns the file must have."""
        required = [column.header for column in self.columns if column.required]
        return tuple(required + [r.header for r in self.references if r.required])
