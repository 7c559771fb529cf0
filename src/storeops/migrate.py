"""Schema migrations: Alembic revisions applied every time the store is opened.

Alembic owns the schema. Opening a store that is already at the head revision costs one
query (`SCHEMA_HEAD` is compared with `alembic_version`), so Alembic itself is only imported
when there is something to upgrade. A test keeps `SCHEMA_HEAD` equal to Alembic's head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

# The newest revision in migrations/versions; bump it with every new revision.
SCHEMA_HEAD = "0012"

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None for a database Alembic never touched."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at storeops' migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (the newest by default); a no-op when it is there."""
    # The fast path only reads, so it never waits for another process's write lock.
    with engine.connect() as connection:
        if revision == "head" and current_revision(connection) == SCHEMA_HEAD:
            return
    from alembic import command
    from alembic.util.exc import CommandError

    with engine.execution_options(storeops_write=True).begin() as connection:
        # Checked again inside the write lock: another process may have just upgraded.
        if revision == "head" and current_revision(connection) == SCHEMA_HEAD:
            return
        try:
            command.upgrade(alembic_config(connection), revision)
        except CommandError as exc:  # e.g. a store written by a newer storeops
            from storeops.errors import StoreError

            found = current_revision(connection)
            raise StoreError(
                f"the store database is at schema revision {found}, which this storeops"
                f" ({SCHEMA_HEAD}) does not know: upgrade storeops ({exc})"
            ) from None
