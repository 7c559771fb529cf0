"""Test isolation: no test touches the real home folder, database, clock or terminal width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storeops.db import Store, open_store

FIXED_NOW = "2026-11-26T14:30:00+00:00"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point STOREOPS_HOME, HOME and the cache into tmp, fix the clock, pin the terminal width."""
    home = tmp_path / "storeops-home"
    monkeypatch.setenv("STOREOPS_HOME", str(home))
    monkeypatch.setenv("STOREOPS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("STOREOPS_NOW", FIXED_NOW)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("STOREOPS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    yield home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated SQLite store in tmp."""
    opened = open_store(f"sqlite:///{tmp_path / 'test-store.db'}")
    yield opened
    opened.close()
