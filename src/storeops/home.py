"""Setting up STOREOPS_HOME: a commented config.yaml and an empty, migrated store database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storeops.config import CONFIG_NAME, Settings
from storeops.errors import StoreOpsError

CONFIG_TEMPLATE = """\
# storeops configuration. Every key is optional; delete what you don't need.
# Precedence: command-line flags > environment (STOREOPS_HOME, STOREOPS_DB, STOREOPS_NOW)
# > this file > built-in defaults.

store:
  name: My Store            # shown in the morning header and in reports
  timezone: UTC             # IANA name, e.g. America/New_York: decides what "today" is
  currency: USD             # ISO 4217 code
  # url: https://shop.example.com   # the live storefront, for the website checks

rules:
  shipping_cutoff: "14:00"  # paid orders before this local time ship the same day
  first_response_hours: 24  # target for the first reply to a customer
  return_window_days: 30    # how long customers have to return an item
  low_stock_default: 5      # reorder point for SKUs that have none of their own
  service_level: 95         # % of replenishment cycles without a stock-out (safety stock)
  slow_mover_days: 90       # a SKU with stock and no sale for this long is a slow mover
  in_transit_days: 5        # a parcel with no tracking event for this long is stuck
  target_margin_pct: 30     # gross margin below this is flagged on a product
  target_roas: 3.0          # return on ad spend a campaign should reach
  max_fee_rate_pct: 3.5     # payment processing fees above this share of sales are flagged

# kpis:                     # targets; leave out the ones you don't track
#   daily_revenue: 1500
#   conversion_rate_pct: 2.0
#   average_order_value: 60
#   repeat_customer_pct: 25

alerts:
  # webhook: https://hooks.slack.com/services/...   # where `check --notify` posts
  failure_threshold: 2      # consecutive bad runs before an alert
  success_threshold: 1      # good runs before the "resolved" message
  reminder_hours: 24        # repeat an unresolved alert this often

# database: store.db       # a path (relative to the working folder) or any SQLAlchemy URL

# checks:                   # override an item's thresholds by item id
#   overnight-orders: {warn: 1, crit: 30}
"""


@dataclass(frozen=True)
class InitResult:
    """What `init_home` wrote or found."""

    home: Path
    config_path: Path
    config_written: bool
    db_url: str


def init_home(settings: Settings, *, force: bool = False) -> InitResult:
    """Create the home folder (0700), a commented config.yaml, and the migrated store database.

    An existing config.yaml is kept unless `force`; the database is never emptied, only
    migrated, so running init twice is safe.
    """
    from storeops.db import open_store

    home = settings.home
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        home.chmod(0o700)
    except OSError as exc:
        raise StoreOpsError(
            f"cannot create {home}: {exc.strerror}; set STOREOPS_HOME to a writable folder"
        ) from None
    config_path = home / CONFIG_NAME
    written = False
    if force or not config_path.exists():
        config_path.write_text(CONFIG_TEMPLATE, encoding="utf-8")
        config_path.chmod(0o600)
        written = True
    open_store(settings.db_url).close()
    return InitResult(home, config_path, written, settings.db_url)
