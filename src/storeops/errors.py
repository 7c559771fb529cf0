"""The errors a user can cause, with messages written for people.

The CLI catches `StoreOpsError`, prints its message on one line and exits with its
`exit_code`. Anything else escaping a command is a bug in storeops, not the user's fault.
"""

from __future__ import annotations


class StoreOpsError(Exception):
    """A problem the user can fix; the message says what happened and what to do."""

    exit_code = 1


class ConfigError(StoreOpsError):
    """The configuration file or an environment variable is unusable."""


class ChecklistError(StoreOpsError):
    """One or more checklist files are invalid; `problems` holds each `path:line:col: message`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__("\n".join([*problems, f"{count} {noun} in checklists"]))


class StoreError(StoreOpsError):
    """The store database cannot be opened or used."""


class StoreBusyError(StoreError):
    """Another storeops process held the database longer than the busy timeout."""
