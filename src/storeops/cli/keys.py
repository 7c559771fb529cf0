"""Single-key answers on a terminal, without waiting for Enter.

cbreak mode (not raw) keeps the terminal's signal keys working, so Ctrl-C still raises
KeyboardInterrupt and the run can be marked interrupted.
"""

from __future__ import annotations

import sys
import termios
import tty


def read_key(prompt: str, allowed: str) -> str:
    """Print `prompt` and return the first allowed key pressed (lower-cased)."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        while True:
            key = sys.stdin.read(1)
            if key == "":
                raise EOFError
            key = key.lower()
            if key in allowed:
                sys.stdout.write(key + "\n")
                sys.stdout.flush()
                return key
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def read_line(prompt: str) -> str:
    """A line of text (a note, a reason), with normal line editing."""
    return input(prompt).strip()
