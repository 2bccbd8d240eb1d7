"""``stu_case.hooks``: higher apps fill extension points that lower apps' pages render.

The person page and the institution portal (``students``) show links into ``visitation`` and
``transitions`` without importing them; these tests pin the registry's rules and what the
higher apps register.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import NoReverseMatch, reverse

from stu_case import hooks


def _point(kind=hooks.Link) -> hooks.ExtensionPoint:
    return hooks.ExtensionPoint(name="test", kind=kind, doc="")


def _link(label, url_name="home", **kwargs) -> hooks.Link:
    return hooks.Link(label=label, url_name=url_name, **kwargs)


# ---------------------------------------------------------------- the registry
def test_items_come_in_a_fixed_order_whatever_the_registration_order():
    point = _point()
    point.register(key="zeta", order=20, item=_link("Z"))
    point.register(key="beta", order=10, item=_link("B"))
    point.register(key="alpha", order=20, item=_link("A"))
    assert point.keys() == ["beta", "alpha", "zeta"]  # by order, then by key
    assert [link.label for link in point.items()] == ["B", "A", "Z"]


def test_registering_a_key_again_replaces_it():
    """``AppConfig.ready()`` may run twice in one process: no duplicate buttons."""
    point = _point()
    point.register(key="app", order=10, item=_link("Old"))
    point.register(key="app", order=10, item=_link("New"))
    assert [link.label for link in point.items()] == ["New"]
    point.unregister("app")
    assert point.items() == []


def test_an_extension_point_holds_one_kind_of_thing():
    with pytest.raises(TypeError, match="holds Link"):
        _point(hooks.Link).register(key="x", order=1, item=hooks.Section(label="S", rows=()))


def test_resolve_builds_urls_and_asks_who_may_see():
    person = SimpleNamespace(pk=7)
    point = _point()
    point.register(
        key="shown",
        order=1,
        item=_link(
            "Historik", "students:history", args=lambda p: [p.pk], query=lambda p: {"a": "b c"}
        ),
    )
    point.register(
        key="hidden", order=2, item=_link("Hemmelig", visible=lambda user, p: user == "boss")
    )
    assert point.resolve("clerk", person) == [
        hooks.ResolvedLink(label="Historik", href=reverse("students:history", args=[7]) + "?a=b+c")
    ]
    assert [r.label for r in point.resolve("boss", person)] == ["Historik", "Hemmelig"]


def test_a_section_without_a_visible_link_is_left_out():
    section = hooks.Section(
        label="Boks",
        rows=(
            hooks.Row(title="Skjult", links=(_link("x", visible=lambda user, obj: False),)),
            hooks.Row(title="Synlig", links=(_link("Forside"),)),
        ),
    )
    resolved = section.resolve(None, None)
    assert [row.title for row in resolved.rows] == ["Synlig"]
    assert resolved.rows[0].links == [hooks.ResolvedLink(label="Forside", href=reverse("home"))]
    hidden = hooks.Section(label="Boks", rows=(hooks.Row(title="Skjult", links=()),))
    assert hidden.resolve(None, None) is None


# ---------------------------------------------------------------- what the apps register
def _every_registered_link() -> list[hooks.Link]:
    links: list[hooks.Link] = []
    for point in (hooks.person_page_links, hooks.portal_institution_sections):
        for item in point.items():
            links += (
                [item] if isinstance(item, hooks.Link) else [x for r in item.rows for x in r.links]
            )
    return links


def test_every_registered_link_names_a_url_that_exists():
    """A renamed URL in a higher app fails here, not on a lower app's page in production."""
    thing = SimpleNamespace(pk=1)
    links = _every_registered_link()
    assert links
    for link in links:
        try:
            reverse(link.url_name, args=list(link.args(thing)))
        except NoReverseMatch as exc:  # pragma: no cover - the failure message
            pytest.fail(f"{link.label!s}: {exc}")


def test_the_higher_apps_fill_the_person_page_and_the_portal_in_a_fixed_order():
    assert hooks.person_page_links.keys() == ["visitation", "transitions"]
    assert hooks.portal_institution_sections.keys() == ["transitions"]
    institution = SimpleNamespace(pk=3)
    (section,) = hooks.portal_institution_sections.resolve(None, institution)
    assert str(section.label) == "Statusmøder og praktik"
    assert [(str(row.title), [link.href for link in row.links]) for row in section.rows] == [
        ("Statusmøder", [reverse("transitions:meeting_portal_requests", args=[3])]),
        (
            "Praktik",
            [
                reverse("transitions:internship_place_list") + "?institution=3",
                reverse("transitions:internship_overview"),
            ],
        ),
    ]


def _labels(user, person) -> list[str]:
    return [str(link.label) for link in hooks.person_page_links.resolve(user, person)]


def test_the_buttons_follow_each_apps_permission(
    person, uu_user, leder_user, institution_user, enrolled_person, outsider
):
    """The municipal team sees both buttons, in order; institution staff see neither, even for
    their own student; an outsider sees nothing."""
    assert [link.href for link in hooks.person_page_links.resolve(uu_user, person)] == [
        reverse("visitation:person", args=[person.pk]),
        reverse("transitions:person", args=[person.pk]),
    ]
    assert _labels(uu_user, person) == ["Visitation", "Forløb og overgange"]
    assert _labels(leder_user, person) == ["Visitation", "Forløb og overgange"]
    assert _labels(institution_user, enrolled_person) == []
    assert _labels(outsider, person) == []


def test_the_person_page_renders_the_registered_buttons(client_for, uu_user, person):
    html = client_for(uu_user).get(reverse("students:detail", args=[person.pk])).content.decode()
    visitation = f'href="{reverse("visitation:person", args=[person.pk])}">Visitation</a>'
    transitions = f'href="{reverse("transitions:person", args=[person.pk])}">Forløb og overgange'
    assert visitation in html and transitions in html
    assert html.index(visitation) < html.index(transitions)


def test_my_work_is_filled_by_students_and_transitions_in_a_fixed_order():
    assert hooks.my_work_sources.keys() == [
        "flags",
        "plan_revisions",
        "hearings",
        "status_meetings",
        "meeting_actions",
        "exit",
    ]
    assert hooks.nav_links.keys() == ["my_work"]
    for link in hooks.nav_links.items():
        reverse(link.url_name)
