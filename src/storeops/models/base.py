"""The base class of every table model."""

from __future__ import annotations

from sqlmodel import SQLModel


class TableModel(SQLModel):
    """A SQLModel whose pydantic validator and serializer are built on first use.

    storeops reads and writes rows through SQLAlchemy, which never calls them, yet pydantic
    builds both for every table class when it is defined: about a tenth of importing the
    models, which every command that opens the store does before anything else.
    """

    model_config = {"defer_build": True}  # checked as SQLModel's own config type
