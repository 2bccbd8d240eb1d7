"""My work: everything due that is a user's, from every app, sorted by due date.

The sources are registered at ``stu_case.hooks.my_work_sources`` (students' own below,
transitions' in ``transitions/hooks.py``); each answers in a constant number of queries, so the
page and the navigation's count do too, whatever the number of items.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, timedelta

import icalendar
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import hooks, permissions
from students import flags as student_flags
from students.models import CalendarFeed, EducationPlan, Flag, PersonStatus
from students.models.letters import Letter
from students.selectors import letters as letter_selectors
from students.services.work import token_digest

# What "due" means on the page: overdue, and everything due within this many days.
HORIZON_DAYS = 30


def _person_url(person_id: int) -> str:
    return reverse("students:detail", args=[person_id])


def _flags(user, owners, until) -> QuerySet[Flag]:
    """Open flags on the young people the owners are contact person for (the plan's revision
    is its own item, below). A flag is due from the day it was raised."""
    return (
        Flag.objects.open()
        .filter(permissions.q_person_visible(user), person__contact_person_id__in=owners)
        .exclude(kind=student_flags.PLAN_REVISION_DUE)
    )


def flag_items(user, owners, until: date) -> list[hooks.WorkItem]:
    flags = _flags(user, owners, until).select_related("person").order_by("raised_at", "pk")
    return [
        hooks.WorkItem(
            due=timezone.localdate(f.raised_at),
            kind=_("Flag"),
            title=f"{f.get_kind_display()}: {f.person.full_name}",
            url=_person_url(f.person_id),
            owner_id=f.person.contact_person_id,
            person_id=f.person_id,
        )
        for f in flags
    ]


def _plans(user, owners, until: date) -> QuerySet[EducationPlan]:
    """Plans of the owners' young people in STU whose yearly revision is due by ``until``."""
    return EducationPlan.objects.filter(
        permissions.q_person_visible(user),
        person__contact_person_id__in=owners,
        person__status__in=[PersonStatus.ENROLLED, PersonStatus.PAUSED],
        next_revision_due__lte=until,
    )


def plan_revision_items(user, owners, until: date) -> list[hooks.WorkItem]:
    plans = _plans(user, owners, until).select_related("person").order_by("next_revision_due")
    return [
        hooks.WorkItem(
            due=p.next_revision_due,
            kind=_("Planrevision"),
            title=_("Revidér planen: %(name)s") % {"name": p.person.full_name},
            url=reverse("students:plan_edit", args=[p.person_id]),
            owner_id=p.person.contact_person_id,
            person_id=p.person_id,
        )
        for p in plans
    ]


def _hearings(user, owners, until: date) -> QuerySet[Letter]:
    """Hearings awaiting the young person's answer, for the caseworker who sent them (or the
    contact person, once the sender's account is closed), due on the answer deadline."""
    return letter_selectors.pending_hearings().filter(
        permissions.q_person_visible(user),
        Q(created_by_id__in=owners, created_by__is_active=True)
        | Q(created_by__is_active=False, person__contact_person_id__in=owners),
        answer_deadline__lte=until,
    )


def hearing_items(user, owners, until: date) -> list[hooks.WorkItem]:
    hearings = (
        _hearings(user, owners, until)
        .select_related("person", "created_by")
        .order_by("answer_deadline", "pk")
    )
    return [
        hooks.WorkItem(
            due=h.answer_deadline,
            kind=_("Partshøring"),
            title=_("Svarfrist for partshøring: %(name)s") % {"name": h.person.full_name},
            url=reverse("students:letter", args=[h.person_id, h.pk]),
            owner_id=h.created_by_id if h.created_by.is_active else h.person.contact_person_id,
            person_id=h.person_id,
        )
        for h in hearings
    ]


STUDENT_SOURCES = {
    "flags": hooks.WorkSource(items=flag_items, querysets=lambda *a: [_flags(*a)]),
    "plan_revisions": hooks.WorkSource(
        items=plan_revision_items, querysets=lambda *a: [_plans(*a)]
    ),
    "hearings": hooks.WorkSource(items=hearing_items, querysets=lambda *a: [_hearings(*a)]),
}


@dataclass(frozen=True)
class WorkRow:
    item: hooks.WorkItem
    overdue: bool
    owner_name: str  # "" for the user's own work


@dataclass(frozen=True)
class MyWork:
    rows: list[WorkRow]
    covering: list  # the colleagues the user stands in for today

    @property
    def count(self) -> int:
        return len(self.rows)


def my_work(*, user, today: date | None = None) -> MyWork:
    """What is due for ``user`` (and the colleagues they stand in for today), overdue first."""
    today = today or timezone.localdate()
    owner_ids = permissions.work_owners_for(user, today)
    if not owner_ids:
        return MyWork(rows=[], covering=[])
    until = today + timedelta(days=HORIZON_DAYS)
    items = [
        item
        for source in hooks.my_work_sources.items()
        for item in source.items(user, owner_ids, until)
        if item.due <= until
    ]
    items.sort(key=lambda i: (i.due, i.is_meeting, i.kind, i.title))
    colleagues = (
        {u.pk: u for u in get_user_model().objects.filter(pk__in=owner_ids[1:])}
        if len(owner_ids) > 1
        else {}
    )
    rows = [
        WorkRow(
            item=i,
            overdue=i.due < today and not i.is_meeting,
            owner_name=str(colleagues[i.owner_id]) if i.owner_id in colleagues else "",
        )
        for i in items
    ]
    return MyWork(rows=rows, covering=[colleagues[pk] for pk in owner_ids[1:]])


def my_work_for_request(request) -> MyWork:
    """``my_work`` of the request's user, computed once per request: the page and the menu's
    count (on every page) share it."""
    cached = getattr(request, "_stu_my_work", None)
    if cached is None:
        cached = request._stu_my_work = my_work(user=request.user)
    return cached


def my_work_count(request) -> int:
    """The count in the main menu of every page (``hooks.nav_links``): one query (a UNION
    over every source), or none when the page has already computed my work."""
    cached = getattr(request, "_stu_my_work", None)
    if cached is not None:
        return cached.count
    count = getattr(request, "_stu_my_work_count", None)
    if count is None:
        user = request.user
        until = timezone.localdate() + timedelta(days=HORIZON_DAYS)
        owners = permissions.work_owners_scope(user)
        rows = [
            qs.order_by().values_list("pk")
            for source in hooks.my_work_sources.items()
            for qs in source.querysets(user, owners, until)
        ]
        count = request._stu_my_work_count = rows[0].union(*rows[1:], all=True).count()
    return count


# ---------------------------------------------------------------- the calendar subscription
def calendar_feed_user(*, token: str):
    """The active user whose calendar address holds ``token``, else None. The lookup is by
    the token's SHA-256 (an index lookup on the digest reveals nothing about the token)."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_digest=token_digest(token), user__is_active=True)
        .first()
    )
    return feed.user if feed else None


def calendar_ics(*, user, base_url: str) -> bytes:
    """The user's meetings and deadlines as iCalendar: "STU-møde" or "STU-frist" and a link,
    never a name, CPR number or what the item is about (a calendar is not a safe place)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//STU Case//Mit arbejde//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "STU Case")
    stamp = timezone.now()
    for row in my_work(user=user).rows:
        item = row.item
        link = base_url + item.url
        event = icalendar.Event()
        key = f"{item.kind}|{item.url}|{item.due}|{item.starts_at}|{item.owner_id}"
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@stu-case")
        event.add("dtstamp", stamp)
        if item.is_meeting and item.starts_at:
            event.add("summary", "STU-møde")
            start = item.starts_at.astimezone(UTC)  # "Z" times need no VTIMEZONE
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=1))
        else:
            event.add("summary", "STU-frist")
            event.add("dtstart", item.due)
            event.add("dtend", item.due + timedelta(days=1))
        event.add("url", link)
        event.add("description", link)
        cal.add_component(event)
    return cal.to_ical()
