"""Moved to ``stu_case.site.demo.transitions`` (the composition app); this name stays only
until ``seed_demo`` moves there too."""

from stu_case.site.demo.transitions import seed_transitions  # noqa: F401
