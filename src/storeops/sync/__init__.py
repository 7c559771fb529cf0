"""API sync: orders from the WooCommerce REST API (v3) and the Shopify Admin API.

Incremental by default (only what changed since the last committed cursor), resumable after a
failure (each page commits with the cursor it reached), with retries, backoff and the
platforms' rate limits. Credentials come from the environment (or the OS keyring when the
`keyring` package is installed) and are never written to the database, logs or messages.
"""
