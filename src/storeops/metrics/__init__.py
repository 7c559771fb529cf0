"""The store's definitions, once: revenue, open orders, late shipments, response times...

Checks, the morning header and reports all get their numbers from here, so a number means
the same thing everywhere. Functions take a session and explicit instants (computed in
Python, passed as bound parameters) and aggregate in the database. `metrics.plain` holds the
twins reports read through a plain-SQL `Reader`, without importing SQLAlchemy.
"""
