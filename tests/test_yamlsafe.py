"""The hardened YAML loader: core-schema scalars, locations, and every refusal."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from storeops.errors import StoreOpsError
from storeops.yamlsafe import (
    YamlDocument,
    YamlError,
    YamlProblem,
    load_yaml,
    pydantic_problems,
    resolve_scalar,
)


def write(tmp_path: Path, text: str | bytes, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, **limits: int) -> list[str]:
    with pytest.raises(YamlError) as caught:
        load_yaml(path, **limits)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("FALSE", False),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("tRuE", "tRuE"),
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("+7", 7),
        ("007", 7),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("-.5", -0.5),
        ("1e3", 1000.0),
        ("2.5E-1", 0.25),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("+.INF", math.inf),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("2024-01-01", "2024-01-01"),
        ("8h", "8h"),
        ("weekly:mon", "weekly:mon"),
    ],
)
def test_plain_scalars_resolve_by_the_core_schema(text: str, expected: Any) -> None:
    value = resolve_scalar(text)
    assert value == expected
    assert type(value) is type(expected)


def test_nan_resolves_to_a_float_nan() -> None:
    assert all(math.isnan(resolve_scalar(text)) for text in (".nan", ".NaN", ".NAN"))


def test_quoted_and_block_scalars_stay_strings(tmp_path: Path) -> None:
    text = "a: '1'\nb: \"true\"\nc: |\n  null\nd: >-\n  42\ne: ''\n"
    doc = load_yaml(write(tmp_path, text))
    assert doc.data == {"a": "1", "b": "true", "c": "null\n", "d": "42", "e": ""}


def test_document_shapes_come_back_as_plain_python(tmp_path: Path) -> None:
    text = "area: orders\nitems:\n  - id: a\n    tags: [x, 2, ~]\n  - {id: b}\nempty:\n"
    doc = load_yaml(write(tmp_path, text))
    assert doc.data == {
        "area": "orders",
        "items": [{"id": "a", "tags": ["x", 2, None]}, {"id": "b"}],
        "empty": None,
    }


def test_locations_of_values_and_keys(tmp_path: Path) -> None:
    text = "area: orders\nitems:\n  - id: a\n    check:\n      warn: 5\n  - id: b\n"
    doc = load_yaml(write(tmp_path, text))
    assert doc.location(()) == (1, 1)
    assert doc.location(("area",)) == (1, 7)
    assert doc.key_location(("area",)) == (1, 1)
    assert doc.location(("items", 0)) == (3, 5)
    assert doc.location(("items", 0, "check", "warn")) == (5, 13)
    assert doc.key_location(("items", 0, "check", "warn")) == (5, 7)
    assert doc.location(("items", 1, "id")) == (6, 9)


def test_location_falls_back_to_the_nearest_ancestor(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, "items:\n  - id: a\n"))
    assert doc.location(("items", 0, "title")) == (2, 5)
    assert doc.location(("items", 7, "check")) == (2, 3)
    assert doc.key_location(("items", 0, "nope")) == (2, 5)


def test_problem_helper_points_at_the_value_or_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, "title: x\n")
    doc = load_yaml(path)
    assert doc.problem(("title",), "bad") == YamlProblem(str(path), 1, 8, "bad")
    assert str(doc.problem(("title",), "bad", at_key=True)) == f"{path}:1:1: bad"


def test_empty_and_comment_only_files_are_none(tmp_path: Path) -> None:
    assert load_yaml(write(tmp_path, "", "a.yaml")).data is None
    doc = load_yaml(write(tmp_path, "# nothing here\n", "b.yaml"))
    assert doc.data is None
    assert doc.location(("anything",)) == (1, 1)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, "\ufeffa: 1\n"))
    assert doc.data == {"a": 1}
    assert doc.key_location(("a",)) == (1, 1)


def test_an_explicit_single_document_is_fine(tmp_path: Path) -> None:
    assert load_yaml(write(tmp_path, "---\na: 1\n...\n")).data == {"a": 1}


def test_nesting_up_to_the_limit_loads(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, "[" * 64 + "]" * 64), max_depth=64)
    depth, value = 0, doc.data
    while isinstance(value, list):
        depth += 1
        value = value[0] if value else None
    assert depth == 64


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: &x 1\nb: 2\n", "1:4", "anchors and aliases are not allowed"),
        ("a: 1\nb: *x\n", "2:4", "anchors and aliases are not allowed"),
        ("a: [1]\nb: &x [*x]\n", "2:4", "anchors and aliases are not allowed"),
        (
            'x: !!python/object/apply:os.system ["echo hi"]\n',
            "1:4",
            "tags are not allowed (found '!!python/object/apply:os.system')",
        ),
        ("x: !foo bar\n", "1:4", "tags are not allowed (found '!foo')"),
        ("x: !!str 3\n", "1:4", "tags are not allowed (found '!!str')"),
        ("- !!map {a: 1}\n", "1:3", "tags are not allowed (found '!!map')"),
        ("a: 1\nb: 2\na: 3\n", "3:1", "duplicate key 'a' (first at line 1)"),
        ("c: {k: 1, k: 2}\n", "1:11", "duplicate key 'k' (first at line 1)"),
        ("[a, b]: 1\n", "1:1", "mapping keys must be scalars, not a collection"),
        ("a: 1\n---\nb: 2\n", "2:1", "only one YAML document is allowed per file"),
        ("a: 1\n b: 2\n", "2:3", "invalid YAML: mapping values are not allowed here"),
        ('a: "open\n', "2:1", "invalid YAML: found unexpected end of stream"),
        ("a:\n\t- b\n", "2:1", "invalid YAML: found character '\\t' that cannot start"),
        ("a: b\x00c\n", "1:5", "invalid YAML: special characters are not allowed (#x0000)"),
        ("[" * 10_000 + "]" * 10_000, "1:65", "nesting is deeper than the limit of 64 levels"),
        ("- " * 10_000 + "x\n", "1:129", "nesting is deeper than the limit of 64 levels"),
    ],
)
def test_refusals_name_the_line_and_column(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert problems[0].startswith(f"{path}:{where}: {message}")


def test_an_alias_bomb_is_refused_at_the_first_anchor_and_reported_once(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert problems_of(path) == [f"{path}:1:4: anchors and aliases are not allowed"]


def test_several_problems_in_one_file_are_reported_together(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\na: 2\nb: !x y\nc: &z 3\n")
    assert problems_of(path) == [
        f"{path}:2:1: duplicate key 'a' (first at line 1)",
        f"{path}:3:4: tags are not allowed (found '!x')",
        f"{path}:4:4: anchors and aliases are not allowed",
    ]


def test_endless_problems_are_capped(tmp_path: Path) -> None:
    path = write(tmp_path, "".join(f"x{i}: !t {i}\n" for i in range(500)))
    problems = problems_of(path)
    assert len(problems) == 51
    assert problems[-1].endswith("too many problems; stopping here")


def test_a_5_mib_file_is_refused_from_its_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(5 * 1_048_576)  # sparse: the test never writes 5 MiB
    assert problems_of(path) == [f"{path}:1:1: file is 5.0 MiB; the limit is 1 MiB"]


def test_a_huge_sparse_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(5 * 1_073_741_824)
    assert problems_of(path) == [f"{path}:1:1: file is 5.0 GiB; the limit is 1 MiB"]


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "x" * 3000 + "\n")
    assert problems_of(path, max_bytes=2048) == [f"{path}:1:1: file is 2.9 KiB; the limit is 2 KiB"]
    assert load_yaml(path, max_bytes=4096).data == {"a": "x" * 3000}


def test_non_utf8_is_refused_at_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "title: ok\nwhy: caf\xe9 \xe9\n".encode("latin-1"))
    assert problems_of(path) == [f"{path}:2:9: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "é: ü\nb: [ééé, x]\n")
    doc = load_yaml(path)
    assert doc.location(("é",)) == (1, 4)
    assert doc.location(("b", 1)) == (2, 10)


def test_missing_files_and_folders_are_problems_not_crashes(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert problems_of(missing) == [f"{missing}:1:1: cannot read file: No such file or directory"]
    assert problems_of(tmp_path) == [f"{tmp_path}:1:1: is a directory, not a YAML file"]


def test_yaml_error_is_a_storeops_error_with_one_line_per_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\na: 2\nb: !x y\n")
    with pytest.raises(StoreOpsError) as caught:
        load_yaml(path)
    assert isinstance(caught.value, YamlError)
    assert str(caught.value).splitlines() == [
        f"{path}:2:1: duplicate key 'a' (first at line 1)",
        f"{path}:3:4: tags are not allowed (found '!x')",
    ]


def test_yaml_document_is_returned(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    doc = load_yaml(path)
    assert isinstance(doc, YamlDocument)
    assert doc.path == path


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")
    warn: float | None = None
    crit: float | None = None


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")
    timezone: str = "UTC"
    checks: dict[str, Override] = {}
    retries: int = 0


def config_problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text, "config.yaml")
    document = load_yaml(path)
    with pytest.raises(ValidationError) as caught:
        Config.model_validate(document.data)
    return [str(p) for p in pydantic_problems("config.yaml", document, caught.value, model=Config)]


def test_pydantic_problems_place_each_error_and_speak_plainly(tmp_path: Path) -> None:
    text = "timezone:\nretries: many\nchecks:\n  late-orders:\n    wran: 3\n    crit: x\n"
    assert config_problems(tmp_path, text) == [
        "config.yaml:1:10: timezone: Input should be a valid string (the value is empty)",
        "config.yaml:2:10: retries: Input should be a valid integer, unable to parse string as"
        " an integer (got 'many')",
        "config.yaml:5:5: checks.late-orders: unknown key 'wran'; did you mean 'warn'?",
        "config.yaml:6:11: checks.late-orders.crit: Input should be a valid number, unable to"
        " parse string as a number (got 'x')",
    ]


def test_pydantic_problems_for_unknown_keys_list_the_allowed_ones(tmp_path: Path) -> None:
    assert config_problems(tmp_path, "timezone: UTC\ndatabase_url: x\n") == [
        "config.yaml:2:1: unknown key 'database_url'; expected one of: timezone, checks, retries"
    ]


def test_pydantic_problems_for_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert config_problems(tmp_path, "- a\n") == [
        "config.yaml:1:1: the file should be a mapping of keys to values, not a list"
    ]
