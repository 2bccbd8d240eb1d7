"""What students registers at the extension points, called from ``StudentsConfig.ready()``:

- the "my work" link in the main menu (``stu_case.hooks.nav_links``) and its own sources for
  the page (``my_work_sources``, beside the higher apps' sources);
- its own part of the statistics page (absence and the backlog), at the same extension point
  as visitation's and transitions' parts, so the page treats all alike.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from stu_case import hooks, permissions
from stu_case.permissions import Action
from students.selectors import statistics
from students.selectors.work import STUDENT_SOURCES, my_work_count


def _may_use_my_work(user, _obj) -> bool:
    return permissions.can(user, Action.USE_MY_WORK)


def _may_view(user, _obj) -> bool:
    return permissions.can(user, Action.VIEW_STATISTICS)


MY_WORK_LINK = hooks.NavLink(
    label=_("Mit arbejde"),
    url_name="work:home",
    count=my_work_count,
    count_label=_("opgaver og frister"),
    visible=_may_use_my_work,
)

ABSENCE_SECTION = hooks.FigureSection(
    key="absence",
    label=_("Fravær og opgaver"),
    figures=statistics.absence_figures,
    visible=_may_view,
)


def register() -> None:
    hooks.nav_links.register(key="my_work", item=MY_WORK_LINK, order=0)
    for order, (key, source) in enumerate(STUDENT_SOURCES.items()):
        hooks.my_work_sources.register(key=key, item=source, order=order)
    hooks.statistics_sections.register(key="students", order=30, item=ABSENCE_SECTION)
