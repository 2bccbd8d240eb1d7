"""Visitation pages, one module per area: clarification, recommendations, committee, decisions;
``person`` is the young person's case page that shows them all.

Thin: permission lookup → form → service → redirect (or partial).
"""
