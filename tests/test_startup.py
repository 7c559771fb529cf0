"""Starting the CLI stays cheap: heavy libraries load only inside the commands that need them."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "httpx", "alembic", "yaml", "pydantic")


def test_cli_start_imports_no_heavy_library() -> None:
    probe = f"import sys, storeops.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_help_imports_no_heavy_library() -> None:
    probe = (
        "import sys\n"
        "from storeops.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.strip() == ""
