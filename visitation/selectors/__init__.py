"""Visitation selectors, one module per area: clarification, recommendations, committee,
decisions; ``person`` finds the young person a case page shows.

Every person-bearing queryset is scoped through ``stu_case.permissions``.
"""
