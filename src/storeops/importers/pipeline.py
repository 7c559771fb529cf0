"""The shape every CSV import shares: stream, map, validate, upsert in batches, all or nothing.

An importer maps rows to records (or rejections) and writes batches of records; this module
owns the transaction, the batching, the rejected-rows file and the summary. The whole file is
written inside one write transaction: an error, a Ctrl-C or a kill -9 leaves the store as it
was before the file.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from storeops.importers.csvfile import CsvFile, CsvRow
from storeops.importers.problems import ImportFileError, RowProblem
from storeops.importers.rejects import RejectsFile
from storeops.importers.summary import ImportSummary

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from storeops.db import Store

# Rows per batch: large enough that executemany dominates, small enough that memory stays flat
# and the IN (...) look-ups of existing ids stay well under SQLite's variable limit.
BATCH_RECORDS = 2000

IMPORT_CACHE_KB = 65_536

Progress = Callable[[int, int], None]


@dataclass
class Rejection:
    """A record that cannot be imported: its rows and what is wrong with them."""

    rows: list[CsvRow]
    problems: list[RowProblem]


@dataclass
class Record:
    """A record mapped onto the store model, with the rows it came from."""

    line: int
    values: dict[str, Any]
    children: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    rows: list[CsvRow] = field(default_factory=list)  # kept where write() may still reject


class Importer(Protocol):
    """One kind of file: the columns it needs, how rows become records, how records land."""

    source: str
    kind: str
    required: tuple[str, ...]
    record_kinds: tuple[str, ...]  # plural, as the summary counts them: "orders", "order_lines"

    def records(self, rows: Iterator[CsvRow]) -> Iterator[Record | Rejection]:
        """Map the file's rows to records, or to rejections naming line and column."""
        ...

    def write(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> list[Rejection]:
        """Upsert one batch, counting what was created, updated and left unchanged.

        Records that only the database can show to be bad (a reference to an order the store
        does not have) are returned as rejections, unwritten.
        """
        ...

    def finish(self, connection: Connection, summary: ImportSummary) -> None:
        """Run once after the last batch, inside the same transaction."""
        ...


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration, as it was found after.

    An import allocates millions of small tuples and strings that are freed by reference
    counting; none form cycles. The collector still runs a pass every 700 allocations and
    full passes over everything alive (the batch, SQLAlchemy's metadata), which cost more
    than a tenth of a large import's time. Whatever cycles the import does leave are
    collected by the first pass after it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(
    store: Store,
    importer: Importer,
    path: Path,
    *,
    skip_bad_rows: bool = False,
    rejects_path: Path | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import one file with `importer`; raise `ImportFileError` (nothing written) on bad rows.

    With `skip_bad_rows` the good records are imported and the bad rows written to
    `rejects_path` (default: beside the file, `NAME.rejected.csv`).
    """
    summary = ImportSummary(source=importer.source, kind=importer.kind, file=path)
    for counts in (summary.created, summary.updated, summary.unchanged):
        counts.update(dict.fromkeys(importer.record_kinds, 0))
    source = CsvFile(path, progress)
    target = rejects_path or path.with_name(f"{path.stem}.rejected.csv")
    rejects: RejectsFile | None = None

    def reject(rejection: Rejection) -> None:
        nonlocal rejects
        summary.errors.extend(rejection.problems)
        summary.rejected += len(rejection.rows)
        if skip_bad_rows:
            if rejects is None:
                rejects = RejectsFile(target, source.header)
            for row in rejection.rows:
                rejects.add(row.line, rejection.problems[0], row.raw)

    def write(batch: list[Record]) -> None:
        for rejection in importer.write(connection, batch, summary):
            reject(rejection)

    try:
        with _without_cyclic_gc(), store.writing_connection() as connection:
            if connection.dialect.name == "sqlite":
                # A large file grows every index of the tables it writes; a 64 MB page cache
                # keeps those pages in memory instead of spilling them to the WAL mid-import.
                connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
            batch: list[Record] = []
            for item in importer.records(source.rows(importer.required)):
                if isinstance(item, Rejection):
                    reject(item)
                    continue
                if summary.errors and not skip_bad_rows:
                    continue  # the file will not be imported; keep reading to report every problem
                batch.append(item)
                if len(batch) >= BATCH_RECORDS:
                    write(batch)
                    batch = []
            if batch and not (summary.errors and not skip_bad_rows):
                write(batch)
            if summary.errors and not skip_bad_rows:
                raise ImportFileError(
                    path, summary.errors, "fix them, or use --skip-bad-rows to import the rest"
                )
            importer.finish(connection, summary)
    except BaseException:
        if rejects is not None:
            rejects.discard()
        raise
    if rejects is not None:
        summary.rejects_file = rejects.commit()
    return summary
