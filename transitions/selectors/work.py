"""What transitions puts on "my work" (``stu_case.hooks.my_work_sources``): the status
meetings a user takes part in, meeting actions they are responsible for, and the exit's end
conversations and checklist steps. Each source is one query."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from django.db.models import Q
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


def status_meeting_items(user, owner_ids: Sequence[int], until: date) -> list[hooks.WorkItem]:
    """Planned status meetings from today until ``until`` that the user takes part in (a
    substitute does not go to the absent colleague's meetings)."""
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    meetings = (
        permissions.status_meetings_for(user)
        .filter(participants=user, starts_at__gte=start)
        .exclude(status=MeetingStatus.CLOSED)
        .filter(starts_at__date__lte=until)
        .order_by("starts_at", "pk")
    )
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
        for m in meetings
    ]


def meeting_action_items(user, owner_ids: Sequence[int], until: date) -> list[hooks.WorkItem]:
    """Open actions from status meetings that the owners are responsible for."""
    actions = (
        MeetingAction.objects.filter(
            permissions.q_person_visible(user),
            responsible_id__in=owner_ids,
            status=ActionStatus.OPEN,
            deadline__lte=until,
        )
        .select_related("person")
        .order_by("deadline", "pk")
    )
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


def exit_items(user, owner_ids: Sequence[int], until: date) -> list[hooks.WorkItem]:
    """End conversations not yet held, and exit checklist steps not done: the owner's when
    they are responsible, else the contact person's."""
    owners = set(owner_ids)
    conversations = EndConversation.objects.filter(
        permissions.q_person_visible(user),
        person__contact_person_id__in=owner_ids,
        held=False,
        scheduled_on__lte=until,
    ).select_related("person")
    tasks = (
        ExitTask.objects.filter(
            permissions.q_person_visible(user),
            Q(responsible_id__in=owner_ids)
            | Q(responsible__isnull=True, person__contact_person_id__in=owner_ids),
            done_at__isnull=True,
            due_date__lte=until,
        )
        .select_related("person")
        .order_by("due_date", "pk")
    )
    items = [
        hooks.WorkItem(
            due=c.scheduled_on,
            kind=_("Afslutningssamtale"),
            title=_("Afslutningssamtale: %(name)s") % {"name": c.person.full_name},
            url=_person_url(c.person_id),
            owner_id=c.person.contact_person_id,
            person_id=c.person_id,
        )
        for c in conversations
    ]
    items += [
        hooks.WorkItem(
            due=t.due_date,
            kind=_("Udslusning"),
            title=f"{t.title} ({t.person.full_name})",
            url=_person_url(t.person_id),
            owner_id=t.responsible_id if t.responsible_id in owners else t.person.contact_person_id,
            person_id=t.person_id,
        )
        for t in tasks
    ]
    return items


SOURCES = {
    "status_meetings": hooks.WorkSource(items=status_meeting_items),
    "meeting_actions": hooks.WorkSource(items=meeting_action_items),
    "exit": hooks.WorkSource(items=exit_items),
}
