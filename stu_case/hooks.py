"""Extension points: where a lower app's page shows what a higher app owns.

Imports point one way (``visitation``, ``transitions`` -> ``students`` -> ``institutions`` ->
``stu_case``), so the person page and the institution portal (both in ``students``) may not
import ``visitation`` or ``transitions``, nor name their URLs. Instead the higher app registers
what it contributes, in its ``AppConfig.ready()``, and the lower app's view renders whatever is
registered, in a fixed order (``order``, then ``key``)::

    # visitation/apps.py
    def ready(self):
        hooks.person_page_links.register(
            key="visitation",
            order=10,
            item=hooks.Link(
                label=_("Visitation"),
                url_name="visitation:person",
                args=lambda person: [person.pk],
                visible=lambda user, person: permissions.can(user, Action.VIEW_VISITATION, person),
            ),
        )

    # students/views.py (the person page)
    context["page_links"] = hooks.person_page_links.resolve(request.user, person)

The extension points are the module-level ``ExtensionPoint`` objects below; a new one is one
more line here and a loop in the template that shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode


def _no_args(obj) -> Sequence:
    return ()


def _always(user, obj) -> bool:
    return True


@dataclass(frozen=True)
class Link:
    """A link to a higher app's page about ``obj`` (the object the lower page shows).

    ``args(obj)`` gives the URL's positional arguments, ``query(obj)`` an optional query
    string, and ``visible(user, obj)`` decides who sees the link (ask ``stu_case.permissions``).
    """

    label: str
    url_name: str
    args: Callable[[Any], Sequence] = _no_args
    query: Callable[[Any], Mapping[str, Any]] | None = None
    visible: Callable[[Any, Any], bool] = _always

    def resolve(self, user, obj) -> ResolvedLink | None:
        if not self.visible(user, obj):
            return None
        href = reverse(self.url_name, args=list(self.args(obj)))
        if self.query is not None:
            href += "?" + urlencode(self.query(obj))
        return ResolvedLink(label=self.label, href=href)


@dataclass(frozen=True)
class ResolvedLink:
    label: str
    href: str


@dataclass(frozen=True)
class Row:
    """One line of a section: a title and its links (shown ``title: link · link``)."""

    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Section:
    """A box on a lower app's page, owned by a higher app: a label for its landmark and rows."""

    label: str
    rows: tuple[Row, ...]
    visible: Callable[[Any, Any], bool] = _always

    def resolve(self, user, obj) -> ResolvedSection | None:
        if not self.visible(user, obj):
            return None
        rows = []
        for row in self.rows:
            links = [link for link in (x.resolve(user, obj) for x in row.links) if link]
            if links:
                rows.append(ResolvedRow(title=row.title, links=links))
        return ResolvedSection(label=self.label, rows=rows) if rows else None


@dataclass(frozen=True)
class ResolvedRow:
    title: str
    links: list[ResolvedLink]


@dataclass(frozen=True)
class ResolvedSection:
    label: str
    rows: list[ResolvedRow]


@dataclass(frozen=True)
class WorkItem:
    """One thing due on a user's "my work" page (and in their calendar subscription).

    ``owner_id`` is the user whose work it is (the user, or a colleague they stand in for);
    ``person_id`` the young person it is about, for the access log. ``is_meeting`` makes it a
    meeting in the calendar (at ``starts_at``) instead of a deadline on ``due``.
    """

    due: date
    kind: str
    title: str
    url: str
    owner_id: int
    person_id: int | None = None
    is_meeting: bool = False
    starts_at: datetime | None = None


@dataclass(frozen=True)
class WorkSource:
    """A kind of work an app owns. ``items(user, owners, until)`` returns the open items of
    the users ``owners`` (ids, or a subquery of ids) due on or before ``until`` (overdue ones
    included) that ``user`` may see, in a constant number of queries whatever their number.
    ``querysets(user, owners, until)`` gives the querysets behind them, one row per item, so
    the menu's count is a single query over every source."""

    items: Callable[[Any, Any, date], list[WorkItem]]
    querysets: Callable[[Any, Any, date], list[Any]]


@dataclass(frozen=True)
class NavLink:
    """A link in the main menu of every page, with a count badge (``count(request)``, asked
    only when the menu is rendered, so it must be cheap: constant queries, cached per request).
    """

    label: str
    url_name: str
    count: Callable[[Any], int]
    count_label: str
    visible: Callable[[Any, Any], bool] = _always

    def resolve(self, request, obj=None) -> ResolvedNavLink | None:
        if not self.visible(request.user, obj):
            return None
        return ResolvedNavLink(self, request)


class ResolvedNavLink:
    def __init__(self, link: NavLink, request):
        self.label = link.label
        self.count_label = link.count_label
        self.href = reverse(link.url_name)
        match = getattr(request, "resolver_match", None)
        self.current = bool(match and match.view_name == link.url_name)
        self._count = lambda: link.count(request)

    @cached_property
    def count(self) -> int:
        return self._count()


@dataclass
class ExtensionPoint:
    """A named place that higher apps fill in. ``kind`` is the type of what it holds."""

    name: str
    kind: type
    doc: str
    _entries: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False)

    def register(self, *, key: str, item, order: int) -> None:
        """Add ``item`` under ``key``; registering a key again replaces it (``ready()`` may
        run more than once in one process)."""
        if not isinstance(item, self.kind):
            raise TypeError(f"{self.name} holds {self.kind.__name__}, not {type(item).__name__}")
        self._entries[key] = (order, item)

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    def items(self) -> list:
        """What is registered, in the fixed order: ``order``, then ``key``."""
        return [item for _key, (_order, item) in sorted(self._entries.items(), key=_sort_key)]

    def keys(self) -> list[str]:
        return [key for key, _entry in sorted(self._entries.items(), key=_sort_key)]

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def resolve(self, user, obj) -> list:
        """What ``user`` sees on the page about ``obj``, with URLs, in order."""
        return [r for r in (item.resolve(user, obj) for item in self.items()) if r is not None]


def _sort_key(entry: tuple[str, tuple[int, Any]]):
    key, (order, _item) = entry
    return (order, key)


person_page_links = ExtensionPoint(
    name="person_page_links",
    kind=Link,
    doc="Buttons in the person page's header; ``obj`` is the young person.",
)
portal_institution_sections = ExtensionPoint(
    name="portal_institution_sections",
    kind=Section,
    doc="Boxes on the institution portal's page, above the absence reports; ``obj`` is the "
    "institution.",
)
my_work_sources = ExtensionPoint(
    name="my_work_sources",
    kind=WorkSource,
    doc='What is due for a user on "my work" and in their calendar: flags and plan '
    "revisions (students), meeting actions and the exit (transitions); hearings awaiting an "
    "answer and documents to read are for their apps to add.",
)
nav_links = ExtensionPoint(
    name="nav_links",
    kind=NavLink,
    doc="Links at the start of the main menu of every page, with a count; ``obj`` is None.",
)


@dataclass(frozen=True)
class FigureSection:
    """A part of the statistics page owned by an app: ``figures(user, filters)`` returns its
    ``stu_case.figures.Figure`` list (counted in the database, a fixed number of queries) for
    the page's filters; ``visible(user, None)`` decides who sees the part at all."""

    key: str
    label: str
    figures: Callable[[Any, Any], list]
    visible: Callable[[Any, Any], bool] = _always
    note: str = ""
    links: tuple[Link, ...] = ()

    def resolve(self, user, filters) -> ResolvedFigureSection | None:
        if not self.visible(user, None):
            return None
        links = [link for link in (x.resolve(user, filters) for x in self.links) if link]
        return ResolvedFigureSection(
            key=self.key,
            label=self.label,
            note=self.note,
            figures=self.figures(user, filters),
            links=links,
        )


@dataclass(frozen=True)
class ResolvedFigureSection:
    key: str
    label: str
    note: str
    figures: list
    links: list


statistics_sections = ExtensionPoint(
    name="statistics_sections",
    kind=FigureSection,
    doc="Parts of the statistics page (students); ``obj`` is the page's filters.",
)
