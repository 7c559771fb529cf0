"""The store model: every table storeops reads or writes.

Importing this package registers all tables on `SQLModel.metadata`, which is what Alembic
migrations are compared against.
"""

from sqlmodel import SQLModel

from storeops.models.catalog import (
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    StockMovement,
    Supplier,
    Variant,
)
from storeops.models.finance import Budget, Expense, Payout, VendorInvoice
from storeops.models.fulfillment import Shipment
from storeops.models.marketing import Campaign, CampaignDay, Promotion, TrafficDay
from storeops.models.ops import AlertState, Backup, ItemResult, Probe, Run, Snooze
from storeops.models.orders import Customer, Order, OrderLine, Payment
from storeops.models.returns import Chargeback, Refund, Return
from storeops.models.rollups import DailySales, SalesRollupState
from storeops.models.service import Review, Ticket
from storeops.models.sync import SyncState

metadata = SQLModel.metadata

__all__ = [
    "AlertState",
    "Backup",
    "Budget",
    "Campaign",
    "CampaignDay",
    "Chargeback",
    "Customer",
    "DailySales",
    "Expense",
    "ItemResult",
    "Order",
    "OrderLine",
    "Payment",
    "Payout",
    "Probe",
    "Product",
    "Promotion",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "Refund",
    "Return",
    "Review",
    "Run",
    "SalesRollupState",
    "Shipment",
    "Snooze",
    "StockMovement",
    "Supplier",
    "SyncState",
    "Ticket",
    "TrafficDay",
    "Variant",
    "VendorInvoice",
    "metadata",
]
