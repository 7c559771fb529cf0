"""`storeops init`: set up STOREOPS_HOME with a config file and an empty store."""

from __future__ import annotations

import typer

from storeops.cli.options import DbOption, HomeOption


def init(
    home: HomeOption = None,
    db: DbOption = None,
    force: bool = typer.Option(False, "--force", help="Overwrite an existing config.yaml."),
) -> None:
    """Write a commented config.yaml and an empty store database."""
    from storeops.config import load_settings
    from storeops.home import init_home
    from storeops.render.console import out

    result = init_home(load_settings(home, db), force=force)
    console = out()
    verb = "wrote" if result.config_written else "kept existing"
    console.print(f"{verb} {result.config_path}", markup=False)
    console.print(f"store database ready: {result.db_url}", markup=False)
    console.print("next: storeops demo  (a sample store to try)  or  storeops import ...")
