"""What transitions puts on "my work" (``stu_case.hooks.my_work_sources``): the status
meetings a user takes part in, meeting actions they are responsible for, and the exit's end
conversations and checklist steps. Each source is one query per kind of row; ``owners`` is a
list of user ids or a subquery of them (``permissions.work_owners_scope``)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import hooks, permissions
from transitions.models import (
    ActionStatus,
    EndConversation,
    ExitTask,
    MeetingAction,
    MeetingStatus,
)


def _person_url(person_id: int) -> str:
    return reverse("transitions:person", args=[person_id])


def _meetings(user, owners, until: date) -> QuerySet:
    """Planned status meetings from today until ``until`` that the user takes part in (a
    substitute does not go to the absent colleague's meetings)."""
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return (
        permissions.status_meetings_for(user)
        .filter(participants=user, starts_at__gte=start, starts_at__date__lte=until)
        .exclude(status=MeetingStatus.CLOSED)
    )


def status_meeting_items(user, owners, until: date) -> list[hooks.WorkItem]:
    return [
        hooks.WorkItem(
            due=m.local_date,
            kind=_("Statusmøde"),
            title=str(m),
            url=reverse("transitions:meeting_detail", args=[m.pk]),
            owner_id=user.pk,
            is_meeting=True,
            starts_at=m.starts_at,
        )
        for m in _meetings(user, owners, until).order_by("starts_at", "pk")
    ]


def _actions(user, owners, until: date) -> QuerySet:
    """Open actions from status meetings that the owners are responsible for."""
    return MeetingAction.objects.filter(
        permissions.q_person_visible(user),
        responsible_id__in=owners,
        status=ActionStatus.OPEN,
        deadline__lte=until,
    )


def meeting_action_items(user, owners, until: date) -> list[hooks.WorkItem]:
    actions = _actions(user, owners, until).select_related("person").order_by("deadline", "pk")
    return [
        hooks.WorkItem(
            due=a.deadline,
            kind=_("Opgave fra statusmøde"),
            title=f"{a.description} ({a.person.full_name})",
            url=_person_url(a.person_id),
            owner_id=a.responsible_id,
            person_id=a.person_id,
        )
        for a in actions
    ]


def _conversations(user, owners, until: date) -> QuerySet:
    """End conversations not yet held, for the young person's contact person."""
    return EndConversation.objects.filter(
        permissions.q_person_visible(user),
        person__contact_person_id__in=owners,
        held=False,
        scheduled_on__lte=until,
    )


def _exit_tasks(user, owners, until: date) -> QuerySet:
    """Exit checklist steps not done: the owner's when they are responsible, else the
    contact person's."""
    return ExitTask.objects.filter(
        permissions.q_person_visible(user),
        Q(responsible_id__in=owners)
        | Q(responsible__isnull=True, person__contact_person_id__in=owners),
        done_at__isnull=True,
        due_date__lte=until,
    )


def exit_items(user, owners, until: date) -> list[hooks.WorkItem]:
    items = [
        hooks.WorkItem(
            due=c.scheduled_on,
            kind=_("Afslutningssamtale"),
            title=_("Afslutningssamtale: %(name)s") % {"name": c.person.full_name},
            url=_person_url(c.person_id),
            owner_id=c.person.contact_person_id,
            person_id=c.person_id,
        )
        for c in _conversations(user, owners, until).select_related("person")
    ]
    tasks = _exit_tasks(user, owners, until).select_related("person").order_by("due_date", "pk")
    items += [
        hooks.WorkItem(
            due=t.due_date,
            kind=_("Udslusning"),
            title=f"{t.title} ({t.person.full_name})",
            url=_person_url(t.person_id),
            owner_id=t.responsible_id or t.person.contact_person_id,
            person_id=t.person_id,
        )
        for t in tasks
    ]
    return items


SOURCES = {
    "status_meetings": hooks.WorkSource(
        items=status_meeting_items, querysets=lambda *a: [_meetings(*a)]
    ),
    "meeting_actions": hooks.WorkSource(
        items=meeting_action_items, querysets=lambda *a: [_actions(*a)]
    ),
    "exit": hooks.WorkSource(
        items=exit_items, querysets=lambda *a: [_conversations(*a), _exit_tasks(*a)]
    ),
}
