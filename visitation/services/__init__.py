"""Visitation services, one module per area: clarification, recommendations, committee,
decisions (with the letter PDF in ``decisions_letter``).

Keyword-only, atomic, ``full_clean`` before save. Person status changes, enrolments, plan
updates and flags go through ``students.services``; object permissions through
``stu_case.permissions``.
"""
