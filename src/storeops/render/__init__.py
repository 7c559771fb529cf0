"""Rendering for people (Rich) and machines (plain, stable formats)."""
