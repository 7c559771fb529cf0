"""The registry of check types.

Built-in check types register themselves with the same `register` decorator an extension
would use, so adding a check type is one new class in one module and nothing else to edit.
The built-in modules are imported on first use, not at start-up, to keep the CLI fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, TypeVar

from storeops.errors import StoreOpsError

if TYPE_CHECKING:
    from storeops.checks.base import Check

_CHECK_TYPES: dict[str, type[Check[Any]]] = {}
# One module per area of check types; each registers its classes when imported.
BUILTIN_MODULES: tuple[str, ...] = tuple(
    f"storeops.checks.{area}"
    for area in (
        "orders",
        "inventory",
        "fulfillment",
        "service",
        "returns",
        "website",
        "marketing",
        "analytics",
        "finance",
        "sql",
        "storefront",
    )
)

C = TypeVar("C", bound="type[Check[Any]]")


def register(cls: C) -> C:
    """Class decorator: make a check type available to checklists under `cls.type`."""
    name = cls.type
    if name in _CHECK_TYPES and _CHECK_TYPES[name] is not cls:
        raise ValueError(f"check type {name!r} is registered twice")
    _CHECK_TYPES[name] = cls
    return cls


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def known_check_types() -> frozenset[str]:
    """The names of every registered check type."""
    _load_builtins()
    return frozenset(_CHECK_TYPES)


def get_check_type(name: str) -> type[Check[Any]]:
    """The check class registered as `name`."""
    _load_builtins()
    try:
        return _CHECK_TYPES[name]
    except KeyError:
        raise StoreOpsError(f"unknown check type {name!r}") from None


def all_check_types() -> dict[str, type[Check[Any]]]:
    """Every registered check type by name, sorted."""
    _load_builtins()
    return dict(sorted(_CHECK_TYPES.items()))
