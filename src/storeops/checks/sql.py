"""`type: sql`: a user's own check, written as a query, run in a sandbox.

The query runs on its own read-only connection (`mode=ro`) rather than the run's session,
because the sandbox needs an authorizer and a progress handler of its own: the authorizer
allows only reading (SELECT, READ, FUNCTION, RECURSIVE) so ATTACH, VACUUM INTO, PRAGMA, DML
and DDL are refused before they run, and the progress handler stops a query past its time
limit. The store file is never changed by a user's query.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta
from typing import Any

from pydantic import Field

from storeops.checks.base import Check, CheckContext, Level, Measurement, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.db import engine_of

_ALLOWED_ACTIONS = frozenset(
    {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
)
_ACTION_NAMES = {
    sqlite3.SQLITE_ATTACH: "ATTACH (and VACUUM INTO)",
    sqlite3.SQLITE_DETACH: "DETACH",
    sqlite3.SQLITE_PRAGMA: "PRAGMA",
    sqlite3.SQLITE_INSERT: "INSERT",
    sqlite3.SQLITE_UPDATE: "UPDATE",
    sqlite3.SQLITE_DELETE: "DELETE",
    sqlite3.SQLITE_TRANSACTION: "transactions",
}


class SqlParams(Params):
    """A query whose first column of the first row is the value; optional detail rows."""

    query: str = Field(min_length=1)
    details: str | None = None
    summary: str = "{value}"
    timeout: Duration = timedelta(seconds=5)


class SandboxError(Exception):
    """A query the sandbox refused, with the reason in words."""


class _Sandbox:
    """A read-only connection that allows reads only and stops at a deadline."""

    def __init__(self, path: str, timeout: timedelta) -> None:
        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        self.refused: str | None = None
        self.deadline = 0.0
        self.timeout = timeout
        self.connection.set_authorizer(self._authorize)
        self.connection.set_progress_handler(self._past_deadline, 10_000)

    def _authorize(self, action: int, *_args: Any) -> int:
        if action in _ALLOWED_ACTIONS:
            return sqlite3.SQLITE_OK
        self.refused = _ACTION_NAMES.get(action, f"statement kind {action}")
        return sqlite3.SQLITE_DENY

    def _past_deadline(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0

    def rows(self, query: str, limit: int) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one read-only statement; its column names and up to `limit` rows."""
        self.refused = None
        self.deadline = time.monotonic() + self.timeout.total_seconds()
        try:
            cursor = self.connection.execute(query)
            rows = cursor.fetchmany(limit)
        except sqlite3.ProgrammingError as exc:
            if "one statement" in str(exc):
                raise SandboxError("only one statement is allowed") from None
            raise SandboxError(str(exc)) from None
        except sqlite3.DatabaseError as exc:
            if self.refused is not None:
                raise SandboxError(f"{self.refused} is not allowed: sql checks only read") from None
            if "interrupted" in str(exc):
                raise SandboxError(
                    f"query stopped after {self.timeout.total_seconds():g}s (timeout)"
                ) from None
            raise SandboxError(f"query failed: {exc}") from None
        names = [column[0] for column in cursor.description or ()]
        return names, rows

    def close(self) -> None:
        """Close the sandbox connection."""
        self.connection.close()


def _store_file(ctx: CheckContext) -> str | None:
    url = engine_of(ctx.session).url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return str(url.database)


@register
class SqlCheck(Check[SqlParams]):
    """Your own check: a read-only SQL query whose first value is judged against warn/crit."""

    type = "sql"
    title = "Custom SQL check"
    params = SqlParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: SqlParams) -> Measurement:
        path = _store_file(ctx)
        if path is None:
            return Measurement(None, "sql checks need a SQLite store file", level=Level.UNKNOWN)
        sandbox = _Sandbox(path, params.timeout)
        try:
            _names, rows = sandbox.rows(params.query, 1)
            details: list[dict[str, Any]] = []
            if params.details:
                names, detail_rows = sandbox.rows(params.details, MAX_DETAILS)
                details = [dict(zip(names, row, strict=True)) for row in detail_rows]
        except SandboxError as exc:
            return Measurement(None, f"sql check refused: {exc}", level=Level.UNKNOWN)
        finally:
            sandbox.close()
        first = rows[0][0] if rows and rows[0] else None
        if first is not None and not isinstance(first, int | float):
            return Measurement(
                None,
                f"the query's first value must be a number, not {first!r}",
                level=Level.UNKNOWN,
            )
        # Plain substitution, not str.format: a user template must not reach attributes.
        return Measurement(first, params.summary.replace("{value}", f"{first}"), details)
