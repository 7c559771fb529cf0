"""Hook points other parts of storeops attach to after an import has written its rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def after_orders_written(connection: Connection) -> None:
    """Called once per import of orders, in its transaction, after every order line is written.

    Nothing to do yet: readers of the daily sales rollup call `ensure_fresh`, which rebuilds
    it when new order lines (a higher line id) or cancellations show it is stale. Rebuilding
    here, inside the import's transaction, is the next step (it broke the kill -9 guarantee
    in a first try and needs a closer look).
    """
