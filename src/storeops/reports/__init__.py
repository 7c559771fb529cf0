"""Reports for the owner and stakeholders: daily, weekly, monthly and the financial statements.

A report is plain data (`model.Report`): sections of figures, tables and charts, every number
taken from `storeops.metrics` and the history. Renderers in `storeops.render` turn it into
Markdown, a terminal view, CSV/JSON or a self-contained HTML page.
"""
