"""Another revision of storeops to measure against in the same run: a git worktree.

This host's speed drifts by up to 1.5x from one minute to the next, so a figure taken an hour
earlier says little about a change. Alternating runs of two revisions in one benchmark, each
on its own copy of the store at its own schema, compares them under the same conditions.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@contextmanager
def checkout(revision: str, folder: Path) -> Iterator[Path]:
    """`revision` checked out (detached) in `folder`; yields its `src` folder, then removes it."""
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(folder), revision],
        check=True,
        capture_output=True,
    )
    try:
        yield folder / "src"
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)],
            check=False,
            capture_output=True,
        )


def schema_head(src: Path) -> str:
    """The schema revision the storeops in `src` expects (its `migrate.SCHEMA_HEAD`)."""
    text = (src / "storeops" / "migrate.py").read_text(encoding="utf-8")
    found = re.search(r'^SCHEMA_HEAD = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit(f"no SCHEMA_HEAD in {src}: too old a revision to compare with")
    return found.group(1)


def downgrade_store(db: Path, revision: str) -> None:
    """Bring the store file `db` down to schema `revision` with this checkout's migrations."""
    from alembic import command

    from storeops.db import create_engine
    from storeops.migrate import SCHEMA_HEAD, alembic_config

    if revision == SCHEMA_HEAD:
        return
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.execution_options(storeops_write=True).begin() as connection:
            command.downgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()
