"""storeops: the daily-operations cockpit of an independent online store.

Everything the CLI does is callable from here; the CLI only parses arguments and renders.
"""

__version__ = "0.1.0"
