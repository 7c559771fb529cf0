"""Automated checks: the contract, the registry, and one module per area of check types."""
