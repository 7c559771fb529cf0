"""Progress for long work: a Rich progress bar on stderr, shown only on a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

Reporter = Callable[[str, int, int], None]


@contextmanager
def progress_reporter(console: Console, title: str) -> Iterator[Reporter]:
    """Yield a `report(step, done, total)` callback that drives a progress bar, or does nothing.

    The bar (and the thread that redraws it) starts with the first step, not before: a check
    run forks its helper process before its first step, and forks only while this process
    runs a single thread (`storeops.forked`).
    """
    if not console.is_terminal:
        yield lambda _step, _done, _total: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = None

    def report(step: str, done: int, total: int) -> None:
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task(title, total=None)
        bar.update(task, description=f"{title}: {step}", completed=done, total=total)

    try:
        yield report
    finally:
        if task is not None:
            bar.stop()


@contextmanager
def file_progress(console: Console, title: str) -> Iterator[Callable[[int, int], None]]:
    """Yield a `report(done, total)` callback for reading a file, or one doing nothing."""
    if not console.is_terminal:
        yield lambda _done, _total: None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(title, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report
