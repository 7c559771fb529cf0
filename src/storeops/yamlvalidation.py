"""Turning pydantic validation errors into `path:line:col: message` problems people can act on.

pydantic knows *what* is wrong and at which data path (`items.2.check.warn`); a `YamlDocument`
knows *where* that path sits in the file. This module joins the two for every YAML file we
validate (checklists, config.yaml) and rewrites pydantic's wording where it is written for
programmers: a missing field is "required", an unknown key points at the key itself and names
the nearest valid one.

It is re-exported by `storeops.yamlsafe` (use it from there). It imports neither yamlsafe nor
pydantic at module level, so that `import storeops.yamlsafe` stays cheap and acyclic.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

    from storeops.yamlsafe import YamlDocument, YamlProblem

# Slug fields (ids, areas) share this pattern; its regex is no help to a store owner.
_SLUG = r"^[a-z0-9][a-z0-9-]*$"
_KIND_NAMES = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number"}


def pydantic_problems(
    path: str,
    document: YamlDocument,
    exc: ValidationError,
    *,
    model: type[BaseModel] | None = None,
) -> list[YamlProblem]:
    """One located problem per error in `exc`, for data loaded from `document`, in file order.

    `path` is the name shown in each problem. Given the validated `model`, an unknown key also
    suggests the closest allowed key (or lists them all).
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            key = loc[-1]
            allowed = _allowed_keys(model, loc[:-1]) if model is not None else []
            message = f"unknown key {key!r}" + _key_hint(str(key), allowed)
            problem = document.problem(loc, _located(loc[:-1], message), at_key=True)
        else:
            problem = document.problem(loc, _located(loc, _message(error, loc)))
        problems.append(problem._replace(path=path))
    # pydantic reports in field order; a person reads the file top to bottom.
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def dotted(loc: tuple[str | int, ...]) -> str:
    """A data path as a person reads it: `items[2].check.warn`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _located(loc: tuple[str | int, ...], message: str) -> str:
    return f"{dotted(loc)}: {message}" if loc else message


def _message(error: ErrorDetails, loc: tuple[str | int, ...]) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return "required"
    if kind == "value_error":
        # Our own validators already name the bad value.
        return error["msg"].removeprefix("Value error, ")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        where = "" if loc else "the file "
        return f"{where}should be a mapping of keys to values, not {_kind(given)}"
    if kind == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") == _SLUG:
        message = "must be lowercase letters, digits and dashes, like 'late-orders'"
    else:
        message = error["msg"]
    return message + _got(given)


def _got(given: Any) -> str:
    if given is None:
        return " (the value is empty)"
    if isinstance(given, str | int | float | bool) and len(repr(given)) <= 40:
        return f" (got {given!r})"
    return ""


def _kind(given: Any) -> str:
    if given is None:
        return "an empty value"
    for kind, name in _KIND_NAMES.items():
        if isinstance(given, kind):
            return name
    return "a number" if isinstance(given, float) else type(given).__name__


def _key_hint(key: str, allowed: list[str]) -> str:
    if not allowed:
        return ""
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(allowed)}"


def _allowed_keys(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys the model at data path `loc` accepts (aliases where a field has one)."""
    model: type[BaseModel] | None = root
    keyed = False  # the previous field was a mapping, so this part is one of its keys
    for part in loc:
        if keyed or isinstance(part, int):
            keyed = False
            continue  # a key or list index: the model is the container's value type
        field = _field(model, part) if model is not None else None
        if field is None:
            return []
        model = _model_in(field.annotation)
        keyed = _is_mapping(field.annotation)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def _is_mapping(annotation: Any) -> bool:
    """Whether a type like `dict[str, Override] | None` is a mapping."""
    pending = [annotation]
    while pending:
        candidate = pending.pop()
        if get_origin(candidate) in (dict, Mapping):
            return True
        pending.extend(get_args(candidate))
    return False


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model inside a type like `list[Item]` or `CheckSpec | None`."""
    from pydantic import BaseModel

    pending = [annotation]
    while pending:
        candidate = pending.pop()
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        pending.extend(get_args(candidate))
    return None
