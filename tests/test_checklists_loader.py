"""Loading checklists: the bundled set, user overrides, every problem reported in its place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storeops.checklists.loader import (
    BUNDLED_ORDER,
    ChecklistSet,
    bundled_dir,
    load_checklists,
    validate_paths,
)
from storeops.checks.registry import known_check_types
from storeops.errors import ChecklistError, StoreOpsError

# The registered types (which the bundled files use) plus names only these tests use.
CHECK_TYPES = known_check_types() | {"orders.late-shipments", "inventory.low-stock"}

GOOD = """\
area: orders
title: Order management
items:
  - id: first
    title: First practice
    description: Do the first thing.
    check:
      type: orders.unprocessed
      warn: 1
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load(user_dir: Path | None = None, paths: tuple[Path, ...] = ()) -> ChecklistSet:
    return load_checklists(user_dir, paths, check_types=CHECK_TYPES)


def problems_of(user_dir: Path) -> list[str]:
    with pytest.raises(ChecklistError) as caught:
        load(user_dir)
    return caught.value.problems


# The bundled set ----------------------------------------------------------------------------


def test_the_bundled_set_loads_with_no_problems() -> None:
    checklists = load_checklists()
    assert checklists.areas() == list(BUNDLED_ORDER)
    assert all(len(checklists.area(area).items) == 10 for area in BUNDLED_ORDER)
    ids = [item.id for _, item in checklists.items()]
    assert len(ids) == 90
    assert len(set(ids)) == 90
    assert validate_paths([bundled_dir()]) == []
    for area, files in checklists.sources.items():
        assert files == (bundled_dir() / f"{area}.yaml",)


def test_every_bundled_check_type_is_registered() -> None:
    registered = known_check_types()
    if not registered:
        pytest.skip("no check type is registered yet")
    used = {item.check.type for _, item in load_checklists().items() if item.check is not None}
    assert used <= registered


def test_fingerprints_are_short_stable_and_follow_content(tmp_path: Path) -> None:
    before = load_checklists().fingerprint()
    assert before == load_checklists().fingerprint()
    assert all(len(digest) == 12 for digest in before.values())
    area, item = load_checklists().items()[0]
    changed = f"area: {area}\ntitle: T\nitems:\n  - id: {item.id}\n    title: New\n"
    write(tmp_path / "user", "x.yaml", changed + "    description: New words.\n")
    after = load(tmp_path / "user").fingerprint()
    assert after[item.id] != before[item.id]
    assert {k: v for k, v in after.items() if k != item.id} == {
        k: v for k, v in before.items() if k != item.id
    }


# Merging user files ---------------------------------------------------------------------------


def test_a_user_item_replaces_the_bundled_item_in_place(tmp_path: Path) -> None:
    bundled = load_checklists()
    position = [item.id for item in bundled.area("orders").items].index("payment-status")
    user = write(
        tmp_path / "user",
        "mine.yaml",
        "area: orders\ntitle: Orders, my way\nitems:\n  - id: payment-status\n"
        "    title: Check payments in Stripe\n    description: Our own wording.\n"
        "    every: weekdays\n",
    )
    merged = load(tmp_path / "user")
    orders = merged.area("orders")
    assert len(merged.items()) == 90
    assert orders.title == "Orders, my way"
    assert orders.why == bundled.area("orders").why  # not given: the bundled why stays
    assert orders.items[position].title == "Check payments in Stripe"
    assert orders.items[position].every == "weekdays"
    assert merged.item("payment-status") == ("orders", orders.items[position])
    assert merged.sources["orders"] == (bundled_dir() / "orders.yaml", user)


def test_an_item_filed_under_another_area_moves_there(tmp_path: Path) -> None:
    write(
        tmp_path / "user",
        "mine.yaml",
        "area: finance\ntitle: Money\nitems:\n  - id: payment-status\n"
        "    title: Payments\n    description: Finance checks payments here.\n",
    )
    merged = load(tmp_path / "user")
    assert merged.item("payment-status")[0] == "finance"
    assert merged.area("finance").items[-1].id == "payment-status"
    assert len(merged.area("orders").items) == 9
    assert len(merged.items()) == 90


def test_new_user_items_and_areas_are_appended(tmp_path: Path) -> None:
    write(
        tmp_path / "user",
        "a-wholesale.yaml",
        "area: wholesale\ntitle: Wholesale\nwhy: B2B accounts.\nitems:\n"
        "  - id: wholesale-orders\n    title: Confirm wholesale orders\n"
        "    description: Every wholesale order confirmed by noon.\n    when: day\n",
    )
    write(
        tmp_path / "user",
        "b-orders.yml",
        "area: orders\ntitle: Order management\nitems:\n  - id: gift-notes\n"
        "    title: Print gift notes\n    description: Gift notes go in the box.\n",
    )
    merged = load(tmp_path / "user")
    assert merged.areas() == [*BUNDLED_ORDER, "wholesale"]
    assert merged.area("orders").items[-1].id == "gift-notes"
    assert merged.item("wholesale-orders")[0] == "wholesale"
    assert len(merged.items()) == 92


def test_explicit_paths_are_files_or_folders_after_the_user_folder(tmp_path: Path) -> None:
    write(tmp_path / "user", "one.yaml", GOOD)
    extra = write(tmp_path / "extra", "two.yaml", GOOD.replace("first", "second"))
    write(tmp_path / "extra", "notes.txt", "not a checklist")
    write(tmp_path / "extra", ".draft.yaml", "this: [is broken")
    single = write(tmp_path, "three.yaml", GOOD.replace("first", "third"))
    merged = load(tmp_path / "user", (tmp_path / "extra", single, extra))
    assert [item.id for item in merged.area("orders").items][-3:] == ["first", "second", "third"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    mine = write(tmp_path / "user", "one.yaml", GOOD)
    merged = load(tmp_path / "user", (mine, tmp_path / "user", bundled_dir() / "orders.yaml"))
    assert merged.sources["orders"] == (bundled_dir() / "orders.yaml", mine)
    assert len(merged.items()) == 91


def test_a_missing_user_folder_is_simply_empty(tmp_path: Path) -> None:
    assert len(load(tmp_path / "nowhere").items()) == 90


def test_depends_on_may_name_any_item_of_the_merged_set(tmp_path: Path) -> None:
    write(tmp_path / "user", "x.yaml", GOOD + "      depends_on: [payment-status]\n")
    assert load(tmp_path / "user").item("first")[1].check is not None


def test_unknown_areas_and_items_are_clear_errors() -> None:
    merged = load_checklists()
    with pytest.raises(StoreOpsError, match=r"^unknown area 'order'; known: orders, inventory, "):
        merged.area("order")
    with pytest.raises(StoreOpsError, match=r"unknown item 'payment-statu'; did you mean"):
        merged.item("payment-statu")


# Bad files: one row per problem, each with its exact place ----------------------------------


def item_file(*lines: str) -> str:
    return "area: orders\ntitle: Order management\nitems:\n" + "".join(f"{x}\n" for x in lines)


ITEM = ("  - id: first", "    title: First practice", "    description: Do it.")


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def five_mib(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(5 * 1_048_576)


BAD_FILES: list[tuple[str, str | bytes | Callable[[Path], None], str, str]] = [
    (
        "syntax error",
        "area: orders\ntitle: Orders: daily\n",
        "2:14",
        "invalid YAML: mapping values",
    ),
    (
        "unknown key",
        item_file(*ITEM, "    chek:", "      type: orders.unprocessed"),
        "7:5",
        "items[0]: unknown key 'chek'; did you mean 'check'?",
    ),
    (
        "unknown top-level key",
        "area: orders\ntitle: T\nowner: me\n",
        "3:1",
        "unknown key 'owner'; expected one of: area, title, why, items",
    ),
    (
        "wrong type",
        item_file(*ITEM, "    check:", "      type: orders.unprocessed", "      warn: lots"),
        "9:13",
        "items[0].check.warn: Input should be a valid number",
    ),
    (
        "missing field",
        item_file("  - id: first", "    title: First practice"),
        "4:5",
        "items[0].description: required",
    ),
    (
        "empty title",
        item_file("  - id: first", "    title:", "    description: Do it."),
        "5:11",
        "items[0].title: Input should be a valid string (the value is empty)",
    ),
    (
        "bad id",
        item_file("  - id: First Thing", "    title: T", "    description: D"),
        "4:9",
        "items[0].id: must be lowercase letters, digits and dashes",
    ),
    (
        "item is not a mapping",
        item_file("  - just words"),
        "4:5",
        "items[0]: should be a mapping of keys to values, not text",
    ),
    ("not a mapping", "- a\n- b\n", "1:1", "this file is a list, not a mapping"),
    ("empty file", "# nothing yet\n", "1:1", "with area, title and items; this file is empty"),
    ("a lone value", "orders\n", "1:1", "this file is a single value, not a mapping"),
    (
        "duplicate key",
        item_file(*ITEM, "    title: Again"),
        "7:5",
        "duplicate key 'title' (first at line 5)",
    ),
    (
        "duplicate id",
        item_file(*ITEM, *ITEM),
        "7:9",
        "duplicate item id 'first' (first at {path}:4)",
    ),
    ("alias bomb", alias_bomb(), "1:4", "anchors and aliases are not allowed"),
    (
        "10,000-deep nesting",
        "area: orders\ntitle: T\nitems: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "3:71",
        "nesting is deeper than the limit of 64 levels",
    ),
    ("5 MiB file", five_mib, "1:1", "file is 5.0 MiB; the limit is 1 MiB"),
    (
        "python tag",
        item_file(*ITEM[:2], '    description: !!python/object/apply:os.system ["echo hi"]'),
        "6:18",
        "tags are not allowed (found '!!python/object/apply:os.system')",
    ),
    ("not UTF-8", "area: orders\ntitle: Caf\xe9\n".encode("latin-1"), "2:11", "not valid UTF-8"),
    (
        "bad every",
        item_file(*ITEM, "    every: sometimes"),
        "7:12",
        "items[0].every: every must be daily, weekdays, weekly:DAY",
    ),
    (
        "bad when",
        item_file(*ITEM, "    when: noon"),
        "7:11",
        "items[0].when: Input should be 'morning', 'day' or 'evening' (got 'noon')",
    ),
    (
        "unknown check type",
        item_file(*ITEM, "    check:", "      type: orders.unprocesed"),
        "8:13",
        "unknown check type 'orders.unprocesed'; did you mean 'orders.unprocessed'?",
    ),
    (
        "unknown check type, nothing close",
        item_file(*ITEM, "    check:", "      type: weather.rain"),
        "8:13",
        "unknown check type 'weather.rain'",
    ),
    (
        "unknown dependency",
        item_file(
            *ITEM, "    check:", "      type: orders.unprocessed", "      depends_on: [nope]"
        ),
        "9:20",
        "depends_on names unknown item 'nope'",
    ),
    (
        "self dependency",
        item_file(*ITEM, "    check:", "      type: orders.unprocessed", "      depends_on:")
        + "        - first\n",
        "10:11",
        "item 'first' cannot depend on itself",
    ),
]


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [pytest.param(*row[1:], id=row[0]) for row in BAD_FILES],
)
def test_a_bad_file_is_reported_at_its_place(
    tmp_path: Path,
    content: str | bytes | Callable[[Path], None],
    where: str,
    message: str,
) -> None:
    user_dir = tmp_path / "user"
    if callable(content):
        user_dir.mkdir()
        path = user_dir / "orders.yaml"
        content(path)
    else:
        path = write(user_dir, "orders.yaml", content)
    problems = problems_of(user_dir)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{where}: ")
    assert message.format(path=path) in problems[0]
    assert validate_paths([path], check_types=CHECK_TYPES) == problems


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    user_dir = tmp_path / "user"
    first = write(
        user_dir,
        "a.yaml",
        item_file(
            *ITEM,
            "    chek: {}",
            "  - id: second",
            "    title: Second",
            "    description: Two.",
            "    check:",
            "      type: orders.unprocesed",
            "      warn: lots",
            "  - id: first",
            "    title: Again",
            "    description: Three.",
            "    every: hourly",
        ),
    )
    second = write(user_dir, "b.yaml", "area: orders\ntitle: [oops\n")
    with pytest.raises(ChecklistError) as caught:
        load(user_dir)
    assert caught.value.problems == [
        f"{first}:7:5: items[0]: unknown key 'chek'; did you mean 'check'?",
        f"{first}:12:13: unknown check type 'orders.unprocesed'; did you mean"
        " 'orders.unprocessed'?",
        f"{first}:13:13: items[1].check.warn: Input should be a valid number,"
        " unable to parse string as a number (got 'lots')",
        f"{first}:14:9: duplicate item id 'first' (first at {first}:4)",
        f"{first}:17:12: items[2].every: every must be daily, weekdays, weekly:DAY (mon..sun),"
        " monthly:N (1-31 or last) or after:Nd, not 'hourly'",
        f"{second}:3:1: invalid YAML: expected ',' or ']', but got '<stream end>'"
        " (while parsing a flow sequence at line 2, column 8)",
    ]
    assert str(caught.value).endswith("6 problems in checklists")


def test_ids_may_repeat_across_layers_but_not_within_the_user_layer(tmp_path: Path) -> None:
    bundled_id = "payment-status"
    text = item_file(f"  - id: {bundled_id}", "    title: T", "    description: D")
    one = write(tmp_path / "user", "one.yaml", text)
    two = write(tmp_path / "extra", "two.yaml", text)
    assert len(load(tmp_path / "user").items()) == 90
    with pytest.raises(ChecklistError) as caught:
        load(tmp_path / "user", (two,))
    assert caught.value.problems == [
        f"{two}:4:9: duplicate item id '{bundled_id}' (first at {one}:4)"
    ]


def test_validate_paths_reports_only_the_given_files(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD.replace("first", "good-one"))
    bad = write(tmp_path / "more", "bad.yaml", item_file(*ITEM, "    every: hourly"))
    assert validate_paths([good], check_types=CHECK_TYPES) == []
    problems = validate_paths([good, tmp_path / "more"], check_types=CHECK_TYPES)
    assert [problem.split(": ")[0] for problem in problems] == [f"{bad}:7:12"]
    missing = tmp_path / "missing.yaml"
    assert validate_paths([missing]) == [
        f"{missing}:1:1: cannot read file: No such file or directory"
    ]


def test_validating_a_bundled_file_by_path_judges_it_once() -> None:
    assert validate_paths([bundled_dir() / "orders.yaml"]) == []
