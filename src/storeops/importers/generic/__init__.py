"""Generic CSV kinds for what platforms do not export: tickets, reviews, campaigns, traffic,
expenses, vendor invoices, shipments and returns. Each kind is declared once in `kinds.py`:
its columns, how each cell is read, its key and what it refers to; the template files and the
README's column lists come from the same declarations.
"""
