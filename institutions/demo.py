"""Moved to ``stu_case.site.demo.institutions`` (the composition app); this name stays only
until ``seed_demo`` moves there too."""

from stu_case.site.demo.institutions import seed_catalogue  # noqa: F401
