"""Documentation that cannot drift: commands, check types and settings are all in the README."""

from __future__ import annotations

from pathlib import Path

from storeops.config import ConfigFile
from storeops.render.docs import END, START, check_types_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_check_type_table_matches_the_registry() -> None:
    text = README.read_text()
    generated = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert generated == check_types_markdown(), "run: python -m storeops.render.docs"


def test_every_command_is_documented() -> None:
    from storeops.cli import app

    text = README.read_text()
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert len(names) >= 8
    for name in names:
        assert f"storeops {name}" in text, name


def test_every_setting_is_documented() -> None:
    text = README.read_text()
    for section, model in ConfigFile.model_fields.items():
        annotation = model.annotation
        fields = getattr(annotation, "model_fields", None)
        if fields is None:
            assert section in text, section
            continue
        for key in fields:
            assert f"{section}.{key}" in text, f"{section}.{key}"


def test_changelog_exists_with_unreleased_section() -> None:
    changelog = README.with_name("CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
