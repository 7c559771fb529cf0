"""Hook points other parts of storeops attach to after an import has written its rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def after_orders_written(connection: Connection) -> None:
    """Called once per import of orders, in its transaction, after every order line is written.

    Rebuilds the daily sales rollup in the same transaction, so the demand figures agree with
    the imported lines the moment the import commits (an order line whose quantity changed in
    place would not move the rollup's watermark, so waiting for a reader to notice is not
    enough). All or nothing still holds: a failed import rolls the rebuild back with it.
    """
    from sqlmodel import Session

    from storeops.inventory.rollup import refresh_sales_rollup

    with Session(bind=connection) as session:  # joins the import's transaction, never commits
        refresh_sales_rollup(session)
        session.flush()
