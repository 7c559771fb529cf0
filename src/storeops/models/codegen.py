"""Write `storeops/tables.py`: the models' tables as SQLAlchemy Core, for code without the ORM.

    python -m storeops.models.codegen      # or: make tables

Importing `storeops.models` builds every SQLModel class: pydantic fields, SQLAlchemy mappers
and, first, `sqlalchemy.orm` and sqlmodel themselves, about half a second of every command
that imports them. The morning's checks only write SQL against columns, so they read the
columns from a generated module that builds 33 Core tables in a few hundredths of a second.
The models stay the one place the schema is written down; `tests/test_tables.py` fails when
the generated module differs from what this writes, so the two cannot drift apart.

Only what SQL needs is generated: each column's name, type, nullability, key, Python-side
default and foreign key. Indexes and constraints belong to the migrations.
"""

from __future__ import annotations

import json
import types
from decimal import Decimal
from pathlib import Path
from typing import Any

LINE_LENGTH = 100  # ruff's, from pyproject.toml
TARGET = Path(__file__).resolve().parent.parent / "tables.py"

_HEADER = '''\
"""The store's tables as SQLAlchemy Core, and their columns named as the models name them.

Generated from `storeops.models` by `python -m storeops.models.codegen` (`make tables`): do not
edit. `tests/test_tables.py` fails when this differs from what the models would generate.

Code that only writes SQL (the checks, the metrics, the routine's bookkeeping) imports its
tables from here instead of `storeops.models`, whose import builds every SQLModel class, with
the ORM and pydantic behind them (about half a second; these tables take a few hundredths).
Each class below is a namespace, not a model: `Order.total` is the `orders.total` column, so
the SQL reads the same either way, and `Order.__table__` is the table to select or insert.
Rows come back as SQLAlchemy rows (attribute access by column name), never as objects.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    ColumnClause,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
)

from storeops.dbtypes import UTCDateTime

metadata = MetaData()


class TableColumns:
    """Base of the namespaces below: each also stands for its table wherever SQL takes one."""

    __table__: ClassVar[Table]

    @classmethod
    def __clause_element__(cls) -> Table:
        """The table, so that `select(Order)` and `.join(Order, ...)` read as with the models."""
        return cls.__table__
'''


def _quote(text: str) -> str:
    """A string literal as ruff formats it: in double quotes."""
    return json.dumps(text)  # the names and defaults are plain ASCII, escaped alike


def _type_source(column: Any) -> str:
    """The Core type of `column`, as source."""
    from sqlalchemy import Boolean, Date, Float, Integer, Numeric, String
    from sqlalchemy.types import TypeDecorator

    from storeops.dbtypes import UTCDateTime

    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "UTCDateTime"
    if isinstance(kind, TypeDecorator) and isinstance(kind.impl_instance, String):
        return "String"  # sqlmodel's AutoString: plain text to SQLite
    if isinstance(kind, Numeric) and not isinstance(kind, Float):
        return f"Numeric({kind.precision}, {kind.scale})"
    for plain in (Boolean, Date, Float, Integer, String):
        if isinstance(kind, plain):
            return plain.__name__
    raise TypeError(f"{column.table.name}.{column.name}: no Core type for {kind!r}")


def _default_source(column: Any) -> str | None:
    """The Python-side default of `column`, as source, or None when it has none."""
    if column.default is None:
        return None
    if not column.default.is_scalar:
        raise TypeError(f"{column.table.name}.{column.name}: only scalar defaults are supported")
    value = column.default.arg
    if isinstance(value, Decimal):
        return f'Decimal("{value}")'
    if isinstance(value, str):
        return _quote(value)
    return repr(value)


def _column_source(column: Any) -> str:
    """One `Column(...)` argument of a `Table(...)`."""
    parts = [_quote(column.name), _type_source(column)]
    parts += [f"ForeignKey({_quote(key.target_fullname)})" for key in column.foreign_keys]
    if column.primary_key:
        parts.append("primary_key=True")
    else:
        parts.append(f"nullable={column.nullable}")
    default = _default_source(column)
    if default is not None:
        parts.append(f"default={default}")
    return f"    Column({', '.join(parts)}),"


def _annotation_source(annotation: Any) -> str:
    """A field's Python type as the models declare it (`int | None`, `Decimal`)."""
    if isinstance(annotation, types.UnionType):
        return " | ".join(_annotation_source(arg) for arg in annotation.__args__)
    if annotation is type(None):
        return "None"
    return str(annotation.__name__)


def _table_source(model: Any) -> str:
    """The `Table(...)` of one model and its column namespace class."""
    table = model.__table__
    lines = [f"{table.name} = Table(", f"    {_quote(table.name)},", "    metadata,"]
    lines += [_column_source(column) for column in table.columns]
    lines += [")", "", ""]
    lines += [
        f"class {model.__name__}(TableColumns):",
        f'    """The columns of `{table.name}` (`storeops.models.{model.__name__}`)."""',
        "",
        f"    __table__ = {table.name}",
    ]
    for name, field in model.model_fields.items():
        if name not in table.columns:
            raise TypeError(f"{model.__name__}.{name} is not a column of {table.name}")
        annotation = _annotation_source(field.annotation)
        # Typed as ColumnClause: the type checker reads a Column on a class as an ORM mapping.
        column = f"ClassVar[ColumnClause[{annotation}]]"
        line = f"    {name}: {column} = {table.name}.c.{name}"
        if len(line) > LINE_LENGTH:  # wrapped as ruff format wraps it
            line = f"    {name}: {column} = (\n        {table.name}.c.{name}\n    )"
        lines.append(line)
    return "\n".join(lines) + "\n"


def render() -> str:
    """The source of `storeops/tables.py` for the models as they are now."""
    import storeops.models as models

    classes = [getattr(models, name) for name in models.__all__ if name != "metadata"]
    by_table = sorted(classes, key=lambda model: model.__table__.name)
    sections = [_table_source(model) for model in by_table]
    return _HEADER + "\n\n" + "\n\n".join(sections)


def main() -> None:
    """Write the generated module next to the package's other modules."""
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.name}")


if __name__ == "__main__":
    main()
