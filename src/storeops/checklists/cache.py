"""The last successfully loaded `ChecklistSet`, kept on disk and reused while nothing changed.

Every command that reads the checklists (`morning`, `check --auto` from cron, `status`...)
would otherwise parse and validate the same YAML files again: about 40 ms of the morning's
start, with the YAML parser's own import. The cache is keyed by what a load depends on:

- the bytes of every checklist file read, in order (contents, not modification times: two
  writes within one clock tick keep the same time and size);
- where the check types and the checklist schema come from: storeops' version and the size
  and modification time of its `checks` and `checklists` modules, which decide whether a
  check type exists and which parameters it takes;
- whether check types were verified.

Only loads without problems are stored, so every error is found and reported as before. The
cache is a pickle that storeops wrote in the user's own cache folder; one that cannot be
read, is from another version, or is corrupt is ignored and rewritten. Failing to write it
(a read-only folder) costs the next run its speed, never its answer.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from storeops import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from storeops.checklists.loader import ChecklistSet

ENV_CACHE_DIR = "STOREOPS_CACHE_DIR"
_FORMAT = 2  # bump when what is pickled changes shape


def cache_dir() -> Path:
    """STOREOPS_CACHE_DIR, or the platform's per-user cache folder for storeops."""
    configured = os.environ.get(ENV_CACHE_DIR)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("storeops", appauthor=False))


def key(files: Sequence[Path], *, verified: bool) -> str | None:
    """What a load of `files` depends on, as a digest; None when a file cannot be read.

    Take it before parsing and store under it: a file edited meanwhile then misses the
    cache next time instead of leaving its old content stored under its new bytes.
    """
    digest = hashlib.sha256(f"{_FORMAT}\n{__version__}\n{verified}\n".encode())
    try:
        for path in files:
            content = path.read_bytes()
            digest.update(f"{path}\n{len(content)}\n".encode())
            digest.update(content)
        for source in _code_it_depends_on():
            stat = source.stat()
            digest.update(f"{source}\n{stat.st_size}\n{stat.st_mtime_ns}\n".encode())
    except OSError:
        return None  # a file vanished meanwhile: load normally and let the loader say so
    return digest.hexdigest()


def load(files: Sequence[Path], wanted: str) -> ChecklistSet | None:
    """The set stored for `files` under key `wanted`, or None (nothing stored or unreadable)."""
    try:
        stored_key, checklist_set = pickle.loads(_path(files).read_bytes())
    except Exception:  # missing, truncated, from another version: a cache miss, nothing more
        return None
    return checklist_set if stored_key == wanted else None


def save(files: Sequence[Path], stored_key: str, checklist_set: ChecklistSet) -> None:
    """Store `checklist_set` under `stored_key` for `files`; best effort, never raises."""
    try:
        target = _path(files)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps((stored_key, checklist_set), protocol=pickle.HIGHEST_PROTOCOL)
        # Written aside and renamed over: a reader sees the old file or the new, never half.
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=".checklists-")
        temporary = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(payload)
            temporary.replace(target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except Exception:
        return


def _path(files: Sequence[Path]) -> Path:
    # One file per set of checklist files (a STOREOPS_HOME), so two homes do not evict
    # each other; the contents are checked against the key anyway.
    names = "\n".join(str(path) for path in files)
    return cache_dir() / f"checklists-{hashlib.sha256(names.encode()).hexdigest()[:16]}.pickle"


def _code_it_depends_on() -> list[Path]:
    """storeops' modules that decide what a checklist means: check types, schema, loader."""
    package = Path(__file__).resolve().parent.parent
    return sorted([*(package / "checks").glob("*.py"), *(package / "checklists").glob("*.py")])
