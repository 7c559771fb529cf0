"""Bringing a store's own data in: Shopify CSV exports (and, later, API sync).

Every importer streams its file, maps each record onto the store model, and upserts it keyed
on the source's own ids inside one write transaction, so a file is imported all or nothing
and importing the same file twice changes nothing.
"""

from storeops.importers.problems import ImportFileError, RowProblem
from storeops.importers.summary import ImportSummary

__all__ = ["ImportFileError", "ImportSummary", "RowProblem"]
