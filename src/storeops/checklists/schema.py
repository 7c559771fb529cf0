"""The shape of a checklist file, validated by pydantic.

Every model forbids unknown keys so that a typo (`chek:`) is an error with its line number,
never a silently ignored practice.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SLUG = r"^[a-z0-9][a-z0-9-]*$"
_EVERY = re.compile(
    r"^(daily|weekdays|weekly:(mon|tue|wed|thu|fri|sat|sun)|monthly:([1-9]|[12][0-9]|3[01]|last)"
    r"|after:[1-9][0-9]*d)$"
)

When = Literal["morning", "day", "evening"]


class _Strict(BaseModel):
    # Validators are built when a file is first validated: a load the cache answers
    # (`storeops.checklists.cache`) unpickles these models without ever needing them.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class CheckSpec(_Strict):
    """The automated check behind an item: a registered check type and its parameters."""

    type: Annotated[str, Field(min_length=1)]
    with_: dict[str, Any] = Field(default_factory=dict, alias="with")
    warn: float | None = None
    crit: float | None = None
    depends_on: list[str] = Field(default_factory=list)


class ValueField(_Strict):
    """A value the operator types when answering a manual item (e.g. pickups scheduled: 2)."""

    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Annotated[str, Field(min_length=1)]
    type: Literal["int", "number", "text", "bool"] = "int"


class Item(_Strict):
    """One practice of the routine: manual, or backed by an automated check."""

    id: Annotated[str, Field(pattern=SLUG, max_length=64)]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(min_length=1)]
    when: When = "morning"
    every: str = "daily"
    check: CheckSpec | None = None
    fields: list[ValueField] = Field(default_factory=list)

    @field_validator("every")
    @classmethod
    def _known_schedule(cls, value: str) -> str:
        if not _EVERY.match(value):
            raise ValueError(
                "every must be daily, weekdays, weekly:DAY (mon..sun), monthly:N (1-31 or last)"
                f" or after:Nd, not {value!r}"
            )
        return value


class Checklist(_Strict):
    """One area of the business: a title, why it matters, and its items."""

    area: Annotated[str, Field(pattern=SLUG)]
    title: Annotated[str, Field(min_length=1)]
    why: str = ""
    items: list[Item] = Field(default_factory=list)
