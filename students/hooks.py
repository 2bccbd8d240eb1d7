"""students' own part of the statistics page (absence and the backlog), registered at the same
extension point as visitation's and transitions' parts, so the page treats all alike."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from stu_case import hooks, permissions
from stu_case.permissions import Action
from students.selectors import statistics


def _may_view(user, _obj) -> bool:
    return permissions.can(user, Action.VIEW_STATISTICS)


ABSENCE_SECTION = hooks.FigureSection(
    key="absence",
    label=_("Fravær og opgaver"),
    figures=statistics.absence_figures,
    visible=_may_view,
)


def register() -> None:
    hooks.statistics_sections.register(key="students", order=30, item=ABSENCE_SECTION)
