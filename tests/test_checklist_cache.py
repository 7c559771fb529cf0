"""The checklist cache: a second load reuses the first, and any change is seen at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storeops.checklists import cache, loader
from storeops.checklists.loader import load_checklists
from storeops.errors import ChecklistError

MINE = """\
area: orders
title: Orders, my way
items:
  - id: payment-status
    title: {title}
    description: Our own wording.
"""


def write_mine(user_dir: Path, title: str) -> Path:
    user_dir.mkdir(parents=True, exist_ok=True)
    path = user_dir / "mine.yaml"
    path.write_text(MINE.format(title=title), encoding="utf-8")
    return path


def stored(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("checklists-*.pickle"))


def title_of(user_dir: Path) -> str:
    return load_checklists(user_dir).item("payment-status")[1].title


def test_a_second_load_reads_the_cache_not_the_yaml(tmp_path: Path) -> None:
    first = load_checklists(tmp_path / "user")
    assert len(stored(tmp_path)) == 1
    # Parsing in a new process proves the reuse: it never imports the YAML parser.
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from storeops.checklists.loader import load_checklists\n"
        f"found = load_checklists(Path({str(tmp_path / 'user')!r}))\n"
        "print(len(found.items()), 'yaml' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [str(len(first.items())), "False"]
    assert load_checklists(tmp_path / "user") == first


def test_an_edit_is_seen_even_with_the_same_size_and_time(tmp_path: Path) -> None:
    path = write_mine(tmp_path / "user", "Check payments in Stripe")
    assert title_of(tmp_path / "user") == "Check payments in Stripe"
    stat = path.stat()
    write_mine(tmp_path / "user", "Check payments in Adyen!")  # same length
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert title_of(tmp_path / "user") == "Check payments in Adyen!"


def test_a_file_edited_while_it_is_parsed_is_read_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_mine(tmp_path / "user", "Before")
    parse = loader._load

    def edited_meanwhile(*args: Any, **kwargs: Any) -> Any:
        parsed = parse(*args, **kwargs)  # parsed "Before"...
        write_mine(tmp_path / "user", "After!")  # ...and the owner saves while it ran
        return parsed

    monkeypatch.setattr(loader, "_load", edited_meanwhile)
    assert title_of(tmp_path / "user") == "Before"
    monkeypatch.setattr(loader, "_load", parse)
    assert path.read_text(encoding="utf-8").count("After!") == 1
    assert title_of(tmp_path / "user") == "After!"


def test_a_new_or_removed_file_is_seen(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    bundled_title = title_of(user)
    path = write_mine(user, "Mine now")
    assert title_of(user) == "Mine now"
    path.unlink()
    assert title_of(user) == bundled_title != "Mine now"


def test_a_file_broken_after_caching_is_still_reported(tmp_path: Path) -> None:
    path = write_mine(tmp_path / "user", "Fine")
    load_checklists(tmp_path / "user")
    path.write_text("area: orders\ntitle: Orders\nitems:\n  - id: Bad Id\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklists(tmp_path / "user")
    assert f"{path}:4:" in caught.value.problems[0]
    # and the error was not cached in place of the set: fixing the file loads it again
    write_mine(tmp_path / "user", "Fixed")
    assert title_of(tmp_path / "user") == "Fixed"


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    expected = load_checklists()
    [path] = stored(tmp_path)
    path.write_bytes(b"not a pickle at all")
    assert load_checklists() == expected
    assert path.read_bytes().startswith(b"\x80")  # a pickle again


def test_an_unwritable_cache_folder_costs_speed_not_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(blocker / "cache"))
    assert len(load_checklists().items()) == 90
    assert len(load_checklists().items()) == 90


def test_a_load_without_verifying_checks_never_answers_one_that_verifies(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.yaml").write_text(
        "area: orders\ntitle: Orders\nitems:\n  - id: mine\n    title: Mine\n"
        "    description: Mine.\n    check:\n      type: orders.no-such-check\n",
        encoding="utf-8",
    )
    assert load_checklists(user, verify_checks=False).item("mine")[0] == "orders"
    with pytest.raises(ChecklistError) as caught:
        load_checklists(user)
    assert "unknown check type 'orders.no-such-check'" in caught.value.problems[0]


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(tmp_path / "elsewhere"))
    load_checklists()
    assert len(list((tmp_path / "elsewhere").glob("checklists-*.pickle"))) == 1
    monkeypatch.delenv(cache.ENV_CACHE_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "storeops"
