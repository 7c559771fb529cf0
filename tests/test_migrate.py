"""Migrations own the schema: the migrated database must equal the models, exactly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

import storeops.models
from storeops.db import open_store
from storeops.migrate import SCHEMA_HEAD, alembic_config


def test_schema_head_constant_matches_alembic() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == SCHEMA_HEAD


# SQLAlchemy cannot reflect SQLite expression indexes, so the comparison skips them (and
# says so); the next test checks they exist.
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_migrated_schema_equals_models(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, storeops.models.metadata)
    store.close()
    assert diff == []


def test_every_model_table_exists_with_its_indexes(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    with store.engine.connect() as connection:
        # sqlite_master, not the inspector: SQLAlchemy cannot reflect expression indexes.
        rows = connection.exec_driver_sql("SELECT tbl_name, name FROM sqlite_master").all()
    store.close()
    for table in storeops.models.metadata.sorted_tables:
        indexes = {name for tbl_name, name in rows if tbl_name == table.name}
        assert {index.name for index in table.indexes} <= indexes, table.name


def test_opening_twice_keeps_data_and_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    with store.writing() as session:
        session.execute(
            text(
                "INSERT INTO alert_states (item_id, state, last_level,"
                " consecutive_bad, consecutive_good) VALUES ('a', 'OK', 'OK', 0, 0)"
            )
        )
    store.close()
    again = open_store(url)
    with again.reading() as session:
        assert session.execute(text("SELECT count(*) FROM alert_states")).scalar() == 1
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            SCHEMA_HEAD
        )
    again.close()


def test_a_store_from_a_newer_storeops_is_one_clear_error(tmp_path: Path) -> None:
    from storeops.errors import StoreError

    url = f"sqlite:///{tmp_path / 'store.db'}"
    open_store(url).close()
    with sqlite3.connect(tmp_path / "store.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="schema revision 9999, which this storeops"):
        open_store(url)
