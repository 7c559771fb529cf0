"""Hook points other parts of storeops attach to after an import has written its rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def after_orders_written(connection: Connection) -> None:
    """Called once per import of orders, in its transaction, after every order line is written.

    Does nothing yet: the daily sales rollup (branch `reorder`) refreshes itself here, so a
    bulk import keeps the rollup right without a full rebuild. Wired at merge.
    """
