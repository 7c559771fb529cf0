"""Settings: flags > environment > config.yaml > defaults.

`STOREOPS_HOME` (default: the platform's user data folder) holds `config.yaml`, `store.db`
and the user's own checklists. The config file is YAML, read with the same hardened loader
as checklists, and validated so a typo is an error with its line, not a silent default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storeops.errors import ConfigError

ENV_HOME = "STOREOPS_HOME"
ENV_DB = "STOREOPS_DB"
CONFIG_NAME = "config.yaml"
DB_NAME = "store.db"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StoreSection(_Strict):
    """Who the store is: name, timezone for "today", currency, storefront URL."""

    name: str = "My Store"
    timezone: str = "UTC"
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    url: str | None = None

    @field_validator("timezone")
    @classmethod
    def _real_zone(cls, value: str) -> str:
        from storeops.clock import store_zone

        try:
            store_zone(value)
        except ConfigError as exc:
            raise ValueError(str(exc)) from None
        return value


class RulesSection(_Strict):
    """The business rules the checks measure against."""

    shipping_cutoff: time = time(14, 0)
    first_response_hours: Annotated[float, Field(gt=0)] = 24
    return_window_days: Annotated[int, Field(ge=0)] = 30
    low_stock_default: Annotated[int, Field(ge=0)] = 5
    service_level: Annotated[float, Field(gt=50, lt=100)] = 95
    slow_mover_days: Annotated[int, Field(ge=7)] = 90
    in_transit_days: Annotated[int, Field(ge=1)] = 5
    target_margin_pct: Annotated[float, Field(ge=0, lt=100)] = 30
    target_roas: Annotated[float, Field(gt=0)] = 3.0
    max_fee_rate_pct: Annotated[float, Field(gt=0, lt=100)] = 3.5


class KpiSection(_Strict):
    """Targets the owner has set; a KPI below its target is a warning."""

    daily_revenue: Annotated[float, Field(ge=0)] | None = None
    conversion_rate_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    average_order_value: Annotated[float, Field(ge=0)] | None = None
    repeat_customer_pct: Annotated[float, Field(ge=0, le=100)] | None = None


class Thresholds(_Strict):
    """A user's override of one item's warn/crit thresholds."""

    warn: float | None = None
    crit: float | None = None


class AlertsSection(_Strict):
    """Where alerts go and how much it takes to send one."""

    webhook: str | None = None
    failure_threshold: Annotated[int, Field(ge=1)] = 2
    success_threshold: Annotated[int, Field(ge=1)] = 1
    reminder_hours: Annotated[float, Field(gt=0)] = 24


class StorefrontSection(_Strict):
    """How the live storefront is probed and crawled (the URL itself is `store.url`)."""

    key_pages: list[str] = Field(default_factory=list)
    checkout_paths: list[str] = Field(default_factory=lambda: ["/cart"])
    checkout_marker: str | None = None
    aliases: list[str] = Field(default_factory=list)
    warn_ms: Annotated[float, Field(gt=0)] = 1500
    crit_ms: Annotated[float, Field(gt=0)] = 4000
    attempts: Annotated[int, Field(ge=1, le=10)] = 3
    deadline_seconds: Annotated[float, Field(gt=0)] = 15
    max_bytes: Annotated[int, Field(ge=1024)] = 5_000_000
    concurrency: Annotated[int, Field(ge=1, le=256)] = 4
    rate_per_second: Annotated[float, Field(ge=0)] = 5  # per host; 0 lifts the limit
    max_pages: Annotated[int, Field(ge=1)] = 500
    max_depth: Annotated[int, Field(ge=0)] = 10
    crawl_seconds: Annotated[float, Field(gt=0)] = 300
    ca_bundle: str | None = None


class ConfigFile(_Strict):
    """The whole of config.yaml."""

    store: StoreSection = StoreSection()
    rules: RulesSection = RulesSection()
    alerts: AlertsSection = AlertsSection()
    kpis: KpiSection = KpiSection()
    storefront: StorefrontSection = StorefrontSection()
    database: str | None = None
    checks: dict[str, Thresholds] = Field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one invocation."""

    home: Path
    db_url: str
    config_path: Path
    config: ConfigFile

    @property
    def store(self) -> StoreSection:
        """The store section of the configuration."""
        return self.config.store

    @property
    def rules(self) -> RulesSection:
        """The business rules of the configuration."""
        return self.config.rules

    @property
    def user_checklists(self) -> Path:
        """The folder of the user's own checklists."""
        return self.home / "checklists"


def default_home() -> Path:
    """The platform's per-user data folder for storeops."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("storeops", appauthor=False))


def resolve_home(flag: Path | None = None) -> Path:
    """STOREOPS_HOME from the flag, then the environment, then the platform default."""
    if flag is not None:
        return flag.expanduser()
    env = os.environ.get(ENV_HOME)
    return Path(env).expanduser() if env else default_home()


def as_db_url(value: str, *, base: Path) -> str:
    """A SQLAlchemy URL from a URL or a file path (relative paths are relative to `base`)."""
    if "://" in value:
        return value
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = base / path
    return f"sqlite:///{path}"


def load_config(path: Path) -> ConfigFile:
    """Read and validate config.yaml; a missing file means all defaults."""
    if not path.exists():  # before importing the YAML machinery: most runs have no file
        return ConfigFile()
    from storeops.yamlsafe import YamlError, load_yaml, pydantic_problems

    try:
        document = load_yaml(path)
    except YamlError as exc:
        raise ConfigError("\n".join(str(p) for p in exc.problems)) from None
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: the config file must be a mapping of settings")
    try:
        return ConfigFile.model_validate(data)
    except ValidationError as exc:
        problems = pydantic_problems(str(path), document, exc, model=ConfigFile)
        raise ConfigError("\n".join(str(p) for p in problems)) from None


def load_settings(home: Path | None = None, db: str | None = None) -> Settings:
    """Resolve settings: flags > environment > config.yaml > defaults."""
    resolved_home = resolve_home(home)
    config_path = resolved_home / CONFIG_NAME
    config = load_config(config_path)
    db_value = db or os.environ.get(ENV_DB) or config.database or str(resolved_home / DB_NAME)
    return Settings(
        home=resolved_home,
        db_url=as_db_url(db_value, base=Path.cwd()),
        config_path=config_path,
        config=config,
    )
