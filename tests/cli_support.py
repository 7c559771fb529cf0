"""Running the real `storeops` CLI in a subprocess, as a user or cron would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STOREOPS = [sys.executable, "-m", "storeops"]


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run `storeops ARGS` with the test's environment (plus `env`); capture text output."""
    return subprocess.run(
        [*STOREOPS, *args],
        env={**os.environ, **(env or {})},
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def home_db(home: Path) -> str:
    """The SQLAlchemy URL of the store in a STOREOPS_HOME."""
    return f"sqlite:///{home / 'store.db'}"


def write_checklist(home: Path, name: str, text: str) -> Path:
    """Put a user checklist file into STOREOPS_HOME/checklists."""
    folder = home / "checklists"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
