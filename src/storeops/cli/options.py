"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home",
        help="Folder for config.yaml, store.db and your checklists [env: STOREOPS_HOME].",
        show_default=False,
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store database: a file path or SQLAlchemy URL [env: STOREOPS_DB].",
        show_default=False,
    ),
]
