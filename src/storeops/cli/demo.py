"""`storeops demo`: build a deterministic demo store to try storeops on."""

from __future__ import annotations

from enum import StrEnum

import typer

from storeops.cli.options import DbOption, HomeOption


class Scale(StrEnum):
    """How big a demo store to build."""

    small = "small"
    large = "large"


def demo(
    seed: int = typer.Option(7, "--seed", help="Random seed: the same seed builds the same store."),
    days: int = typer.Option(
        90, "--days", min=30, max=730, help="Days of history before now (large: 365)."
    ),
    scale: Scale = typer.Option(
        Scale.small,
        "--scale",
        help="small: a few hundred SKUs; large: the benchmark store (2,000,000 order lines).",
    ),
    home: HomeOption = None,
    db: DbOption = None,
    force: bool = typer.Option(
        False, "--force", help="Replace an existing store database (SQLite file) with the demo."
    ),
) -> None:
    """Build a realistic demo store relative to now, with real problems planted to find."""
    from storeops.config import load_settings
    from storeops.demo import build_demo
    from storeops.demo_files import remove_sqlite_store
    from storeops.render.console import err, out
    from storeops.render.progress import progress_reporter

    settings = load_settings(home, db)
    if force:
        remove_sqlite_store(settings.db_url)
    with progress_reporter(err(), "Building the demo store") as report:
        summary = build_demo(
            settings.db_url,
            seed=seed,
            days=365 if scale is Scale.large else days,
            scale=scale.value,
            progress=report,
        )
    console = out()
    total = sum(summary.rows.values())
    console.print(
        f"demo store built in {summary.seconds:.1f}s: {total:,} rows"
        f" ({summary.rows.get('orders', 0):,} orders, {summary.rows.get('variants', 0):,} SKUs)"
        f" at {settings.db_url}",
        markup=False,
    )
    console.print(f"{len(summary.planted)} problems planted for the checks to find.", markup=False)
    console.print("next: storeops checklists list", markup=False)
