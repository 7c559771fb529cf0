"""Loading checklists: the bundled files, the user's folder and explicit paths, merged.

This module owns the rules that turn YAML files into one `ChecklistSet`: which files are read
and in what order, how a user's items override bundled ones, and every check that needs more
than one file (duplicate ids, unknown check types, `depends_on`). Every problem in every file
is collected first and raised together as a `ChecklistError` of `path:line:col: message`
lines, because fixing checklists one error per run is miserable.

Rules worth knowing:
- Two layers: the bundled files, then the user's (user_dir plus explicit paths). A user item
  with a bundled item's id replaces it where it stands (or moves it, if the user filed it under
  another area); other user items are appended to their area, creating it if new.
- Item ids must be unique within a layer. Duplicate ids, unknown check types and unknown keys
  are found on the raw data too, so a file with schema errors still reports them all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from storeops.checklists import cache
from storeops.checklists.schema import Checklist, Item
from storeops.checks.registry import known_check_types
from storeops.errors import ChecklistError, StoreOpsError
from storeops.yamlvalidation import dotted

if TYPE_CHECKING:
    # The YAML parser is imported when a file is parsed, not when the cache has the answer.
    from storeops.yamlsafe import YamlDocument, YamlProblem

YAML_SUFFIXES = frozenset({".yaml", ".yml"})
# The routine's own order (the seed checklist's): the morning walks the areas in this order,
# so bundled files are read in it rather than alphabetically. Unlisted files follow by name.
BUNDLED_ORDER = (
    "orders",
    "inventory",
    "customer-service",
    "fulfillment",
    "returns",
    "website",
    "marketing",
    "analytics",
    "finance",
)


def bundled_dir() -> Path:
    """The folder of checklists shipped inside the storeops package."""
    return Path(__file__).resolve().parent / "bundled"


@dataclass(frozen=True)
class ChecklistSet:
    """Every area's checklist after merging bundled and user files, in display order."""

    checklists: tuple[Checklist, ...]
    sources: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    # Item id -> content hash, computed once at load (and kept in the cache with the rest).
    fingerprints: dict[str, str] = field(default_factory=dict)

    def areas(self) -> list[str]:
        """The area names, bundled areas first, then areas only the user defines."""
        return [checklist.area for checklist in self.checklists]

    def area(self, name: str) -> Checklist:
        """The checklist of one area; `StoreOpsError` naming the known areas if unknown."""
        for checklist in self.checklists:
            if checklist.area == name:
                return checklist
        raise StoreOpsError(f"unknown area {name!r}; known: {', '.join(self.areas())}")

    def items(self) -> list[tuple[str, Item]]:
        """Every (area, item) in order."""
        return [(checklist.area, item) for checklist in self.checklists for item in checklist.items]

    def item(self, item_id: str) -> tuple[str, Item]:
        """The (area, item) with this id; `StoreOpsError` with a suggestion if unknown."""
        pairs = self.items()
        for area, item in pairs:
            if item.id == item_id:
                return area, item
        message = f"unknown item {item_id!r}"
        raise StoreOpsError(message + _suggestion(item_id, [item.id for _, item in pairs]))

    def fingerprint(self) -> dict[str, str]:
        """Item id -> a short stable hash of the item's content.

        A run stores these so that resuming it can tell which items changed meanwhile.
        """
        return dict(self.fingerprints)


def load_checklists(
    user_dir: Path | None = None,
    paths: Sequence[Path] = (),
    *,
    check_types: Collection[str] | None = None,
    verify_checks: bool = True,
) -> ChecklistSet:
    """Load the bundled checklists, then the user's folder, then `paths`, merged.

    Raises `ChecklistError` listing every problem in every file. `verify_checks=False` skips
    judging check types and their parameters, which needs every check module imported (about
    half a second): listing checklists does not. `check_types` defaults to
    the registry's names.
    """
    folders = [user_dir] if user_dir is not None and user_dir.is_dir() else []
    bundled = _bundled_files()
    shipped = {_identity(path) for path in bundled}
    # A bundled file named again (e.g. `--checklists` pointing at the package) is read once.
    user_files = [
        path for path in _yaml_files([*folders, *paths]) if _identity(path) not in shipped
    ]
    files = [*bundled, *user_files]
    # A caller's own check types are not what a stored load was judged against.
    cache_key = cache.key(files, verified=verify_checks) if check_types is None else None
    if cache_key is not None and (cached := cache.load(files, cache_key)) is not None:
        return cached
    checklist_set, problems = _load(bundled, user_files, check_types, verify_checks)
    if problems:
        raise ChecklistError([str(problem) for problem in problems])
    if cache_key is not None:
        cache.save(files, cache_key, checklist_set)
    return checklist_set


def validate_paths(
    paths: Sequence[Path], *, check_types: Collection[str] | None = None
) -> list[str]:
    """The problems in exactly these files (or folders of them), as `path:line:col: message`.

    They are validated as a user layer over the bundled set, so overrides and `depends_on`
    naming bundled items are judged as `load_checklists` would judge them.
    """
    user_files = _yaml_files(paths)
    given = {_identity(path) for path in user_files}
    bundled = [path for path in _bundled_files() if _identity(path) not in given]
    _, problems = _load(bundled, user_files, check_types)
    wanted = {str(path) for path in user_files}
    return [str(problem) for problem in problems if problem.path in wanted]


@dataclass(frozen=True)
class _Parsed:
    """One file that loaded as YAML; `checklist` is None when it failed the schema."""

    doc: YamlDocument
    checklist: Checklist | None


@dataclass
class _Area:
    title: str
    why: str
    items: dict[str, Item] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)


def _load(
    bundled_files: list[Path],
    user_files: list[Path],
    check_types: Collection[str] | None,
    verify_checks: bool = True,
) -> tuple[ChecklistSet, list[YamlProblem]]:
    types = (
        frozenset(known_check_types() if check_types is None else check_types)
        if verify_checks
        else None
    )
    problems: list[YamlProblem] = []
    layers = [
        [
            parsed
            for path in files
            if (parsed := _parse(path, types, problems, trusted=trusted)) is not None
        ]
        for files, trusted in ((bundled_files, True), (user_files, False))
    ]
    for layer in layers:
        problems += _duplicate_ids(layer)
    areas: dict[str, _Area] = {}
    origins: dict[str, tuple[YamlDocument, int]] = {}
    for layer in layers:
        _merge(layer, areas, origins)
    problems += _unknown_dependencies(areas, origins)
    checklist_set = ChecklistSet(
        checklists=tuple(
            Checklist(area=name, title=area.title, why=area.why, items=list(area.items.values()))
            for name, area in areas.items()
        ),
        sources={name: tuple(area.sources) for name, area in areas.items()},
        fingerprints={
            item.id: _item_hash(item) for area in areas.values() for item in area.items.values()
        },
    )
    rank = {str(path): index for index, path in enumerate([*bundled_files, *user_files])}
    problems.sort(key=lambda p: (rank.get(p.path, len(rank)), p.line, p.column))
    return checklist_set, problems


def _yaml_files(paths: Sequence[Path]) -> list[Path]:
    """Explicit files as given, folders expanded to their YAML files sorted by name."""
    files: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(
                child
                for child in path.iterdir()
                if child.suffix in YAML_SUFFIXES
                and not child.name.startswith(".")  # editor swap and backup files
                and child.is_file()
            )
        else:
            found = [path]
        for file in found:
            # The same file reached twice (a folder and one of its files) is read once.
            if _identity(file) not in seen:
                seen.add(_identity(file))
                files.append(file)
    return files


def _bundled_files() -> list[Path]:
    def routine_position(path: Path) -> tuple[int, str]:
        stem = path.stem
        return (BUNDLED_ORDER.index(stem) if stem in BUNDLED_ORDER else len(BUNDLED_ORDER), stem)

    return sorted(_yaml_files([bundled_dir()]), key=routine_position)


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _parse(
    path: Path,
    types: frozenset[str] | None,
    problems: list[YamlProblem],
    *,
    trusted: bool = False,
) -> _Parsed | None:
    from storeops.yamlsafe import YamlError, load_yaml, pydantic_problems

    try:
        doc = load_yaml(path, trusted=trusted)
    except YamlError as exc:
        problems += exc.problems
        return None
    if not isinstance(doc.data, dict):
        shape = "a list" if isinstance(doc.data, list) else "a single value"
        found = "empty" if doc.data is None else f"{shape}, not a mapping"
        message = f"a checklist is a mapping with area, title and items; this file is {found}"
        problems.append(doc.problem((), message))
        return None
    if types is not None:
        problems += _unknown_check_types(doc, types)
    try:
        checklist = Checklist.model_validate(doc.data)
    except ValidationError as exc:
        problems += pydantic_problems(str(path), doc, exc, model=Checklist)
        return _Parsed(doc, None)
    return _Parsed(doc, checklist)


def _raw_items(doc: YamlDocument) -> Iterator[tuple[int, dict[Any, Any]]]:
    """(index, mapping) for each item of the raw data that is a mapping at all."""
    data = doc.data
    items = data.get("items") if isinstance(data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _unknown_check_types(doc: YamlDocument, types: frozenset[str]) -> list[YamlProblem]:
    problems = []
    for index, item in _raw_items(doc):
        check = item.get("check")
        name = check.get("type") if isinstance(check, dict) else None
        if isinstance(name, str) and name and name not in types:
            message = f"unknown check type {name!r}" + _suggestion(name, types)
            problems.append(doc.problem(("items", index, "check", "type"), message))
        elif isinstance(name, str) and isinstance(check, dict):
            problems += _bad_parameters(doc, index, name, check.get("with"))
    return problems


def _bad_parameters(doc: YamlDocument, index: int, name: str, given: Any) -> list[YamlProblem]:
    """A known check type's `with:` parameters, validated now so errors carry their line."""
    from storeops.checks.registry import all_check_types

    check_class = all_check_types().get(name)
    if check_class is None or not isinstance(given, dict | None):
        return []  # a type only a test knows, or a wrong shape the schema reports itself
    try:
        check_class.params.model_validate(given or {})
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = ("items", index, "check", "with", *error["loc"])
            where = dotted(loc)
            if error["type"] == "extra_forbidden":
                allowed = ", ".join(check_class.params.model_fields) or "none"
                message = f"{dotted(loc[:-1])}: {name} has no parameter {loc[-1]!r}"
                message += f" (it takes: {allowed})"
                problems.append(doc.problem(loc, message, at_key=True))
            else:
                problems.append(doc.problem(loc, f"{where}: {error['msg']}"))
        return problems
    return []


def _duplicate_ids(layer: list[_Parsed]) -> list[YamlProblem]:
    problems = []
    first: dict[str, str] = {}
    for parsed in layer:
        for index, item in _raw_items(parsed.doc):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            loc = ("items", index, "id")
            if item_id in first:
                message = f"duplicate item id {item_id!r} (first at {first[item_id]})"
                problems.append(parsed.doc.problem(loc, message))
            else:
                first[item_id] = f"{parsed.doc.path}:{parsed.doc.location(loc)[0]}"
    return problems


def _merge(
    layer: list[_Parsed], areas: dict[str, _Area], origins: dict[str, tuple[YamlDocument, int]]
) -> None:
    """Fold one layer's valid files into `areas`; a known id is replaced where it stands."""
    area_of = {item_id: name for name, area in areas.items() for item_id in area.items}
    for parsed in layer:
        checklist = parsed.checklist
        if checklist is None:
            continue
        area = areas.get(checklist.area)
        if area is None:
            area = areas[checklist.area] = _Area(checklist.title, checklist.why)
        else:
            area.title = checklist.title
            area.why = checklist.why or area.why
        area.sources.append(parsed.doc.path)
        for index, item in enumerate(checklist.items):
            previous = area_of.get(item.id)
            if previous is not None and previous != checklist.area:
                # Filed under another area by the user: it moves there.
                del areas[previous].items[item.id]
            area.items[item.id] = item  # an existing key keeps its position: in place
            area_of[item.id] = checklist.area
            origins[item.id] = (parsed.doc, index)


def _unknown_dependencies(
    areas: dict[str, _Area], origins: dict[str, tuple[YamlDocument, int]]
) -> list[YamlProblem]:
    known = [item_id for area in areas.values() for item_id in area.items]
    known_set = set(known)
    problems = []
    for area in areas.values():
        for item in area.items.values():
            if item.check is None:
                continue
            doc, index = origins[item.id]
            for position, name in enumerate(item.check.depends_on):
                loc = ("items", index, "check", "depends_on", position)
                if name == item.id:
                    problems.append(doc.problem(loc, f"item {name!r} cannot depend on itself"))
                elif name not in known_set:
                    message = f"depends_on names unknown item {name!r}"
                    problems.append(doc.problem(loc, message + _suggestion(name, known)))
    return problems


def _suggestion(name: str, choices: Collection[str]) -> str:
    import difflib  # only when there is a mistake to suggest a fix for (25 ms to import)

    close = difflib.get_close_matches(name, sorted(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _item_hash(item: Item) -> str:
    content = json.dumps(
        item.model_dump(mode="json", by_alias=True), sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
