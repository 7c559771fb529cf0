"""Finance: expenses, vendor invoices, processor payouts, and the monthly budget."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import money, optional_money


class Expense(TableModel, table=True):
    """A cost of running the store (software, rent, packaging, payroll...)."""

    __tablename__ = "expenses"

    id: int | None = Field(default=None, primary_key=True)
    incurred_on: date = Field(index=True)
    category: str
    vendor: str = ""
    description: str = ""
    amount: Decimal = money()
    recorded: bool = True  # entered in the books


class VendorInvoice(TableModel, table=True):
    """A bill from a supplier or service provider, due on a date."""

    __tablename__ = "vendor_invoices"
    __table_args__ = (Index("ix_vendor_invoices_status_due", "status", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    supplier_id: int | None = Field(default=None, foreign_key="suppliers.id")
    vendor: str
    number: str
    issued_on: date
    due_on: date
    amount: Decimal = money()
    paid_on: date | None = None
    paid_amount: Decimal | None = optional_money()
    status: str = "open"  # open | paid | void


class Payout(TableModel, table=True):
    """Money a payment processor sends to the bank: gross sales less fees and refunds."""

    __tablename__ = "payouts"

    id: int | None = Field(default=None, primary_key=True)
    processor: str = "stripe"
    arrival_on: date = Field(index=True)
    amount: Decimal = money()
    fees: Decimal = money()
    status: str = "paid"  # pending | in_transit | paid | failed


class Budget(TableModel, table=True):
    """The planned spend for a category in a month (the first day names the month)."""

    __tablename__ = "budgets"
    __table_args__ = (UniqueConstraint("month", "category", name="uq_budgets_month_category"),)

    id: int | None = Field(default=None, primary_key=True)
    month: date
    category: str
    amount: Decimal = money()
