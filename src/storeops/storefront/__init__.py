"""The live storefront: probes (status, speed, TLS, headers, checkout), product data on the
site compared with the store, and the broken-link crawler. All requests go through
`storeops.http.fetch`, so each is bounded and each failure is a classified verdict."""
