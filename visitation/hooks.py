"""What visitation shows on students' pages, registered in ``VisitationConfig.ready()``.

``students`` may not import ``visitation`` nor name its URLs (imports point one way), so the
person page's "Visitation" button comes from here, through ``stu_case.hooks``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from stu_case import hooks, permissions
from stu_case.permissions import Action
from visitation.selectors import statistics


def _person_pk(person) -> list:
    return [person.pk]


def _may_view_case(user, person) -> bool:
    return permissions.can(user, Action.VIEW_VISITATION, person)


PERSON_PAGE_LINK = hooks.Link(
    label=_("Visitation"),
    url_name="visitation:person",
    args=_person_pk,
    visible=_may_view_case,
)


PIPELINE_SECTION = hooks.FigureSection(
    key="pipeline",
    label=_("Vejen til STU"),
    figures=statistics.pipeline_figures,
    visible=lambda user, _obj: permissions.can(user, Action.VIEW_TEAM_STATISTICS),
)


def register() -> None:
    # First of the higher apps' buttons on the person page (transitions follows at 20).
    hooks.person_page_links.register(key="visitation", order=10, item=PERSON_PAGE_LINK)
    hooks.statistics_sections.register(key="visitation", order=10, item=PIPELINE_SECTION)
