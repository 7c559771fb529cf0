"""Importing one generic CSV kind: read the declared columns, resolve references, upsert."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from storeops.importers import values
from storeops.importers.csvfile import CsvRow
from storeops.importers.generic.spec import Kind, Reference
from storeops.importers.pipeline import Record, Rejection
from storeops.importers.problems import CellError, RowProblem
from storeops.importers.summary import ImportSummary
from storeops.importers.upsert import existing_rows, insert_rows, table, upsert
from storeops.models.marketing import CAMPAIGN_CHANNELS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

CAMPAIGN_CHANNEL_WORDS = {channel: channel for channel in CAMPAIGN_CHANNELS}


class GenericImporter:
    """Imports one declared kind; a row's references are resolved against the store."""

    source = "csv"

    def __init__(self, kind: Kind) -> None:
        self.spec = kind
        self.kind = kind.name
        self.required = tuple(header.lower() for header in kind.required_headers)
        self.record_kinds: tuple[str, ...] = (kind.name,)

    def records(self, rows: Iterator[CsvRow]) -> Iterator[Record | Rejection]:
        """Read each row's declared columns; a key seen twice in the file is an error."""
        seen: set[Any] = set()
        for row in rows:
            try:
                record_values = dict(self.spec.fixed)
                for column in self.spec.columns:
                    cell = row.get(column.header.lower())
                    record_values[column.field] = column.read(column.header, cell)
                references = {r.header: row.get(r.header).strip() for r in self.spec.references}
                for reference in self.spec.references:
                    if reference.required and not references[reference.header]:
                        raise CellError(reference.header, "a value is required here")
                if "channel" in self.spec.extra_headers:
                    values.choice("channel", row.get("channel"), CAMPAIGN_CHANNEL_WORDS, "email")
            except CellError as problem:
                yield Rejection([row], [RowProblem(row.line, problem.column, problem.message)])
                continue
            # Key fields filled from references (campaign_id) are known here by their cells.
            key = tuple(record_values.get(name) for name in self.spec.key) + tuple(
                references[r.header] for r in self.spec.references if r.field in self.spec.key
            )
            if key in seen:
                message = (
                    "the same row is in the file twice (same " + ", ".join(self.spec.key) + ")"
                )
                yield Rejection([row], [RowProblem(row.line, None, message)])
                continue
            seen.add(key)
            extra = {"references": references, "channel": row.get("channel").strip().lower()}
            yield Record(row.line, record_values, extra=extra, rows=[row])

    def write(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> list[Rejection]:
        """Resolve every reference of the batch in bulk, then upsert the rows that resolved."""
        rejected: list[Rejection] = []
        for reference in self.spec.references:
            ids = self._resolve(connection, reference, batch)
            kept = []
            for record in batch:
                cell = record.extra["references"][reference.header]
                if not cell:
                    record.values[reference.field] = None
                    kept.append(record)
                    continue
                wanted = cell.lower() if reference.lowercase else cell
                if wanted in ids:
                    record.values[reference.field] = ids[wanted]
                    kept.append(record)
                    continue
                message = f'{reference.header} "{cell}" is not in the store'
                problem = RowProblem(record.line, reference.header, message)
                rejected.append(Rejection(record.rows, [problem]))
            batch = kept
        upsert(
            connection,
            table(self.spec.table),
            self.spec.key if len(self.spec.key) > 1 else self.spec.key[0],
            [record.values for record in batch],
            summary,
            self.spec.name,
        )
        return rejected

    def _resolve(
        self, connection: Connection, reference: Reference, batch: list[Record]
    ) -> dict[str, int]:
        cells = {record.extra["references"][reference.header] for record in batch} - {""}
        if reference.lowercase:
            cells = {cell.lower() for cell in cells}
        target = table(reference.table)
        found = existing_rows(connection, target, reference.match, list(cells), ["id"], {})
        ids = {key: row["id"] for key, row in found.items()}
        if reference.creates:
            ids.update(self._create(connection, reference, batch, cells - set(ids)))
        return ids

    def _create(
        self, connection: Connection, reference: Reference, batch: list[Record], names: set[str]
    ) -> dict[str, int]:
        # Campaigns are created by name: the first day seen starts them, the channel column
        # (when there is one) says where they run.
        if not names:
            return {}
        new: dict[str, dict[str, Any]] = {}
        for record in batch:
            name = record.extra["references"][reference.header]
            if name in names:
                starts = record.values.get("day")
                current = new.get(name)
                if current is None or (starts is not None and starts < current["starts_on"]):
                    channel = record.extra["channel"] or "email"
                    new[name] = {"name": name, "channel": channel, "starts_on": starts}
        target = table(reference.table)
        insert_rows(connection, target, list(new.values()))
        found = existing_rows(connection, target, reference.match, list(names), ["id"], {})
        return {key: row["id"] for key, row in found.items()}

    def finish(self, connection: Connection, summary: ImportSummary) -> None:
        """Nothing to do after the last batch."""
