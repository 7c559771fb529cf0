"""Inventory and replenishment: the demand math (pure functions), the daily sales rollup it
reads, reorder suggestions, purchase orders and stock operations through the ledger.
"""
