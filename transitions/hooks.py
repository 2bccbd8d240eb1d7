"""What transitions shows on students' pages, registered in ``TransitionsConfig.ready()``.

``students`` may not import ``transitions`` nor name its URLs (imports point one way), so the
person page's "Forløb og overgange" button and the portal's box with status requests and
internships, and the meetings, meeting actions and exit steps on "my work", come from here,
through the extension points in ``stu_case.hooks``.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case import hooks, permissions
from stu_case.permissions import Action
from transitions.selectors import money, statistics
from transitions.selectors.work import SOURCES as WORK_SOURCES


def _person_pk(person) -> list:
    return [person.pk]


def _institution_pk(institution) -> list:
    return [institution.pk]


def _may_view_person(user, person) -> bool:
    return permissions.can(user, Action.VIEW_TRANSITIONS, person)


PERSON_PAGE_LINK = hooks.Link(
    label=_("Forløb og overgange"),
    url_name="transitions:person",
    args=_person_pk,
    visible=_may_view_person,
)

PORTAL_SECTION = hooks.Section(
    label=_("Statusmøder og praktik"),
    rows=(
        hooks.Row(
            title=_("Statusmøder"),
            links=(
                hooks.Link(
                    label=_("Statusanmodninger fra kommunerne"),
                    url_name="transitions:meeting_portal_requests",
                    args=_institution_pk,
                ),
            ),
        ),
        hooks.Row(
            title=_("Praktik"),
            links=(
                hooks.Link(
                    label=_("Institutionens praktiksteder"),
                    url_name="transitions:internship_place_list",
                    query=lambda institution: {"institution": institution.pk},
                ),
                hooks.Link(
                    label=_("Elevernes praktikforløb"),
                    url_name="transitions:internship_overview",
                ),
            ),
        ),
    ),
)


COHORT_SECTION = hooks.FigureSection(
    key="cohorts",
    label=_("Årgange og veje efter STU"),
    figures=statistics.cohort_figures,
    visible=lambda user, _obj: permissions.can(user, Action.VIEW_STATISTICS),
)


MONEY_SECTION = hooks.FigureSection(
    key="money",
    label=_("Økonomi"),
    figures=money.money_figures,
    visible=lambda user, _obj: permissions.can(user, Action.VIEW_MONEY),
    links=(
        hooks.Link(
            label=_("Angiv årets budget"),
            url_name="transitions:budget_edit",
            args=lambda _filters: [timezone.localdate().year],
            visible=lambda user, _obj: permissions.can(user, Action.EDIT_BUDGET),
        ),
    ),
)


def register() -> None:
    # After visitation's button (order 10) on the person page.
    hooks.person_page_links.register(key="transitions", order=20, item=PERSON_PAGE_LINK)
    hooks.portal_institution_sections.register(key="transitions", order=10, item=PORTAL_SECTION)
    # On "my work", after students' flags and plan revisions.
    for order, (key, source) in enumerate(WORK_SOURCES.items(), start=10):
        hooks.my_work_sources.register(key=key, item=source, order=order)

    hooks.statistics_sections.register(key="transitions", order=20, item=COHORT_SECTION)
    hooks.statistics_sections.register(key="transitions-money", order=40, item=MONEY_SECTION)
