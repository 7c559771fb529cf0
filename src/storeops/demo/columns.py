"""The column order of every row tuple the demo writes, one constant per table.

Generators build rows as plain tuples for speed; these constants are the single statement of
what each position means. The writer checks each list names every column of its table.
"""

from __future__ import annotations

SUPPLIERS = ("id", "name", "email", "lead_time_days", "moq", "pack_size", "currency")
PRODUCTS = (
    "id", "source", "external_id", "handle", "title", "description", "vendor", "product_type",
    "status", "url", "image_url", "tags", "created_at", "updated_at",
)  # fmt: skip
VARIANTS = (
    "id", "product_id", "source", "external_id", "sku", "title", "barcode", "price",
    "compare_at_price", "cost", "on_hand", "damaged", "available", "inventory_policy",
    "supplier_id", "reorder_point", "min_stock", "max_stock", "weight_grams",
)  # fmt: skip
STOCK_MOVEMENTS = (
    "id", "variant_id", "created_at", "kind", "quantity", "reason", "reference", "operator",
)  # fmt: skip
PURCHASE_ORDERS = (
    "id", "number", "supplier_id", "status", "created_at", "ordered_at", "expected_at",
    "received_at", "note",
)  # fmt: skip
PURCHASE_ORDER_LINES = (
    "id", "purchase_order_id", "variant_id", "quantity_ordered", "quantity_received", "unit_cost",
)  # fmt: skip
CUSTOMERS = (
    "id", "source", "external_id", "email", "first_name", "last_name", "phone", "address1",
    "city", "province", "zip", "country", "accepts_marketing", "note", "tags", "created_at",
    "updated_at",
)  # fmt: skip
ORDERS = (
    "id", "source", "external_id", "number", "customer_id", "email", "created_at", "updated_at",
    "cancelled_at", "closed_at", "financial_status", "fulfillment_status", "risk", "tags",
    "note", "currency", "subtotal", "shipping", "tax", "discount", "total", "discount_code",
    "channel", "shipping_method", "express", "promised_ship_by", "promised_delivery_by",
    "confirmation_sent_at", "ship_name", "ship_address1", "ship_city", "ship_province",
    "ship_zip", "ship_country",
)  # fmt: skip
ORDER_LINES = (
    "id", "order_id", "variant_id", "sku", "title", "quantity", "price", "unit_cost",
    "discount", "fulfilled_quantity",
)  # fmt: skip
PAYMENTS = (
    "id", "external_id", "order_id", "created_at", "kind", "status", "amount", "fee",
    "processor", "error_code", "payout_id",
)  # fmt: skip
SHIPMENTS = (
    "id", "external_id", "order_id", "carrier", "service", "tracking_number", "status",
    "packed_at", "verified_at", "label_created_at", "shipped_at", "last_event_at",
    "delivered_at", "notification_sent_at", "exception", "label_cost", "invoiced_cost",
)  # fmt: skip
TICKETS = (
    "id", "source", "external_id", "customer_id", "order_id", "channel", "subject", "category",
    "priority", "status", "opened_at", "first_response_at", "last_customer_message_at",
    "follow_up_at", "resolved_at", "resolution", "assignee",
)  # fmt: skip
REVIEWS = (
    "id", "source", "external_id", "product_id", "customer_id", "rating", "title", "body",
    "created_at", "responded_at", "published",
)  # fmt: skip
RETURNS = (
    "id", "rma_number", "order_id", "variant_id", "quantity", "reason", "status", "condition",
    "disposition", "restocked", "exchange", "exchange_order_id", "requested_at",
    "authorized_at", "received_at", "inspected_at", "refunded_at", "customer_notified_at",
    "note",
)  # fmt: skip
REFUNDS = (
    "id", "external_id", "order_id", "return_id", "created_at", "processed_at", "amount",
    "reason", "status",
)  # fmt: skip
CHARGEBACKS = (
    "id", "external_id", "order_id", "opened_at", "respond_by", "responded_at", "closed_at",
    "amount", "fee", "reason", "status",
)  # fmt: skip
CAMPAIGNS = (
    "id", "external_id", "name", "channel", "status", "starts_on", "ends_on", "budget",
    "target_roas", "utm_campaign",
)  # fmt: skip
CAMPAIGN_DAYS = (
    "id", "campaign_id", "day", "spend", "impressions", "clicks", "orders", "revenue",
    "new_customers",
)  # fmt: skip
TRAFFIC_DAYS = (
    "id", "day", "channel", "sessions", "mobile_sessions", "product_views", "add_to_carts",
    "checkouts", "orders", "bounce_rate",
)  # fmt: skip
PROMOTIONS = (
    "id", "code", "title", "kind", "value", "starts_at", "ends_at", "usage_count",
    "usage_limit", "active",
)  # fmt: skip
EXPENSES = ("id", "incurred_on", "category", "vendor", "description", "amount", "recorded")
VENDOR_INVOICES = (
    "id", "supplier_id", "vendor", "number", "issued_on", "due_on", "amount", "paid_on",
    "paid_amount", "status",
)  # fmt: skip
PAYOUTS = ("id", "processor", "arrival_on", "amount", "fees", "status")
BUDGETS = ("id", "month", "category", "amount")
BACKUPS = ("id", "kind", "created_at", "location", "bytes", "verified")

# Every table the demo fills; a store holding rows in any of them is not empty.
TABLE_ORDER = (
    "suppliers", "products", "variants", "customers", "payouts", "orders", "order_lines",
    "payments", "shipments", "stock_movements", "purchase_orders", "purchase_order_lines",
    "tickets", "reviews", "returns", "refunds", "chargebacks", "campaigns", "campaign_days",
    "traffic_days", "promotions", "expenses", "vendor_invoices", "budgets", "backups",
)  # fmt: skip

# Indexes the bulk load drops and re-creates: their keys arrive in random order, so keeping
# them during the load would cost a random B-tree insert per row. The other indexes are on
# keys that grow as rows are written (ids, creation times) and stay.
DEFERRED_INDEXES = (
    "ix_orders_customer_id", "ix_order_lines_variant_id", "ix_stock_movements_variant_time",
    "ix_customers_email", "ix_tickets_customer_id", "ix_tickets_order_id",
    "ix_returns_variant_id", "ix_reviews_product_id", "ix_purchase_order_lines_variant_id",
    "ix_variants_supplier", "ix_customers_email_key",
)  # fmt: skip
