"""Alembic environment: runs migrations on the connection storeops hands it."""

from __future__ import annotations

from alembic import context

import storeops.models

target_metadata = storeops.models.metadata


def run_migrations() -> None:
    """Run migrations online, on the caller's connection (or a fresh engine's)."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        from storeops.db import create_engine

        url = context.config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("no connection or sqlalchemy.url given to Alembic")
        with create_engine(url).begin() as fresh:
            _configure_and_run(fresh)
        return
    _configure_and_run(connection)


def _configure_and_run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
