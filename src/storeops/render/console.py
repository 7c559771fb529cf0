"""The consoles: people read stdout tables; errors and progress go to stderr.

Colour follows Rich's own rules (off when not a terminal, NO_COLOR honoured).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


_plain = False


def use_plain_output() -> None:
    """Unattended runs (cron): no colour, no progress, whatever the environment says."""
    global _plain
    _plain = True
    out.cache_clear()
    err.cache_clear()


@cache
def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    if _plain:
        return Console(highlight=False, color_system=None, force_terminal=False, width=200)
    return Console(highlight=False)


@cache
def err() -> Console:
    """The console for errors, warnings and progress (stderr)."""
    from rich.console import Console

    if _plain:
        return Console(stderr=True, highlight=False, color_system=None, force_terminal=False)
    return Console(stderr=True, highlight=False)


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    from rich.markup import escape

    err().print(f"[yellow]warning:[/] {escape(message)}", soft_wrap=True)


def print_error(message: str) -> None:
    """Print a user-facing error, one `error:` line per line of the message."""
    from rich.markup import escape

    console = err()
    for line in message.splitlines() or [""]:
        console.print(f"[bold red]error:[/] {escape(line)}", soft_wrap=True)
