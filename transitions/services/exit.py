"""Writes for the final year and the exit from STU.

Periodic rules (each safe to run twice or concurrently, each also a management command):
- ``final_year_activate``: an open enrolment entering its final 12 months gets a FINAL_YEAR
  flag, the jobcenter contact turns from follower into planner (and is notified with the UU
  contact), and the exit-planning checklist is created — once per young person.
- ``end_conversations_check``: END_CONVERSATION_MISSING while no afslutningssamtale is
  scheduled in time and the end is near; resolved when fixed or the enrolment is closed.
- ``follow_ups_create``: follow-ups 3 and 12 months after a completed STU; when one falls due
  the UU contact person is reminded once.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stu_case.accounts import roles
from stu_case.calendar import add_months, add_years
from stu_case.formats import short_date
from stu_case.notifications.services import notification_send
from stu_case.pdf import render_pdf
from students.models import (
    Enrolment,
    EnrolmentStatus,
    Severity,
    YoungPerson,
)
from students.services import flags as flag_services
from students.services import people as people_services
from transitions import flags as transition_flags
from transitions.models.exit import (
    EndConversation,
    ExitAgency,
    ExitPlan,
    ExitRule,
    ExitTask,
    ExitTaskKind,
    FollowUp,
    FollowUpPoint,
    FunctionalDescription,
    FunctionalDescriptionHandover,
    FunctionalDescriptionTemplate,
    InvolvementRole,
    JobcenterInvolvement,
)

# The checklist created at final-year activation: kind, responsible agency, and the due date
# in months before the planned end (never before the activation day). The final internship is
# due ``ExitRule.task_lead_days`` after activation instead; a needed housing move is best done
# about six months before STU ends (the catalogue); the functional description is ready for
# the handover meeting; the ressourcepapir at the end conversation.
CHECKLIST = (
    (ExitTaskKind.FINAL_INTERNSHIP, ExitAgency.JOBCENTER, None),
    (ExitTaskKind.HOUSING, ExitAgency.FORVALTNING, 6),
    (ExitTaskKind.END_CONVERSATION, ExitAgency.UU, 3),
    (ExitTaskKind.FUNCTIONAL_DESCRIPTION, ExitAgency.UU, 3),
    (ExitTaskKind.HANDOVER_MEETING, ExitAgency.JOBCENTER, 2),
    (ExitTaskKind.RESSOURCEPAPIR, ExitAgency.INSTITUTION, 1),
)


def _person_url(person_id: int) -> str:
    return reverse("transitions:person", args=[person_id]) + "#exit"


# ---------------------------------------------------------------- final-year activation
def _pick_jobcenter_contact(municipality_id: int, rule: ExitRule):
    """The rule's fixed contact, else the active jobcenter user with fewest planner cases."""
    User = get_user_model()
    if rule.default_jobcenter_contact_id and rule.default_jobcenter_contact.is_active:
        return rule.default_jobcenter_contact
    return (
        User.objects.active()
        .in_municipality(municipality_id)
        .with_role(roles.JOBCENTER)
        .annotate(
            load=Count(
                "jobcenter_involvements",
                filter=Q(jobcenter_involvements__role=InvolvementRole.PLANNER),
            )
        )
        .order_by("load", "username")
        .first()
    )


def _checklist_due(kind, months_before_end, *, today: date, end: date, rule: ExitRule) -> date:
    if months_before_end is None:
        due = today + timedelta(days=rule.task_lead_days)
    else:
        due = add_months(end, -months_before_end)
    return min(max(due, today), end)


def _responsible(agency, *, person, contact):
    if agency == ExitAgency.JOBCENTER:
        return contact
    if agency == ExitAgency.UU:
        return person.contact_person
    return None


def exit_tasks_create(*, person, enrolment, contact, rule: ExitRule, today: date) -> int:
    """Create the missing checklist items for a person (the unique constraint makes it safe)."""
    existing = set(
        ExitTask.objects.filter(person=person)
        .exclude(kind=ExitTaskKind.OTHER)
        .values_list("kind", flat=True)
    )
    created = 0
    for kind, agency, months_before_end in CHECKLIST:
        if kind in existing:
            continue
        task = ExitTask(
            person=person,
            kind=kind,
            title=str(ExitTaskKind(kind).label),
            agency=agency,
            responsible=_responsible(agency, person=person, contact=contact),
            due_date=_checklist_due(
                kind, months_before_end, today=today, end=enrolment.planned_end_date, rule=rule
            ),
        )
        try:
            with transaction.atomic():
                task.save()
        except IntegrityError:
            continue
        created += 1
    return created


def _activate_one(enrolment: Enrolment, today: date) -> bool:
    """Activate one enrolment's final year. Returns whether anything was activated."""
    person = enrolment.person
    rule = ExitRule.for_municipality(person.municipality_id)
    flag_services.flag_raise(
        person=person,
        kind=transition_flags.FINAL_YEAR,
        severity=Severity.INFO,
        details=_(
            "Sidste år af STU begyndte %(start)s; forløbet slutter efter planen %(end)s. "
            "Jobcentret er nu aktiv deltager i udslusningen."
        )
        % {
            "start": short_date(enrolment.final_year_start),
            "end": short_date(enrolment.planned_end_date),
        },
        data={"enrolment_id": enrolment.pk},
    )
    involvement = JobcenterInvolvement.objects.select_for_update().filter(person=person).first()
    if involvement is not None and involvement.is_planner:
        # Activated before (e.g. a second run): only make sure the checklist is complete.
        exit_tasks_create(
            person=person, enrolment=enrolment, contact=involvement.contact, rule=rule, today=today
        )
        return False
    if involvement is None:
        involvement = JobcenterInvolvement(person=person)
    if involvement.contact_id is None:
        involvement.contact = _pick_jobcenter_contact(person.municipality_id, rule)
    involvement.role = InvolvementRole.PLANNER
    involvement.activated_at = timezone.now()
    involvement.enrolment = enrolment
    involvement.full_clean()
    involvement.save()
    exit_tasks_create(
        person=person, enrolment=enrolment, contact=involvement.contact, rule=rule, today=today
    )
    ExitPlan.objects.get_or_create(person=person)
    url = _person_url(person.pk)
    body = _(
        "%(name)s går ind i sidste år af STU (planlagt slut %(end)s). Jobcentret er nu aktiv "
        "deltager i udslusningen, og opgaverne i udslusningen er oprettet."
    ) % {"name": person.full_name, "end": short_date(enrolment.planned_end_date)}
    recipients = []
    if involvement.contact is not None:
        recipients.append(involvement.contact)
    else:
        body += " " + _("Der er ingen jobcentermedarbejder i kommunen – vælg en jobcenterkontakt.")
    if person.contact_person_id and person.contact_person not in recipients:
        recipients.append(person.contact_person)
    for user in recipients:
        notification_send(
            recipient=user,
            title=_("Sidste år af STU: %(name)s") % {"name": person.full_name},
            body=body,
            url=url,
        )
    return True


def final_year_activate(*, today: date | None = None) -> int:
    """Activate the final year of every open enrolment that has entered it. Returns how many
    young people were activated in this run (0 on a second run)."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        candidates = (
            Enrolment.objects.open()
            .filter(
                planned_end_date__lte=add_years(today, 1) + timedelta(days=1),
            )
            .exclude(person__jobcenter_involvement__role=InvolvementRole.PLANNER)
            .values_list("pk", flat=True)
        )
        activated = 0
        for pk in list(candidates):
            with transaction.atomic():
                enrolment = (
                    Enrolment.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("person__contact_person", "person__municipality")
                    .open()
                    .filter(pk=pk)
                    .first()
                )
                if enrolment is None or not enrolment.in_final_year_on(today):
                    continue
                activated += int(_activate_one(enrolment, today))
        # The final-year flag is done once the enrolment is no longer open.
        flag_services.flags_sync(
            kind=transition_flags.FINAL_YEAR,
            due={},
            scope=flag_services.without_open_enrolment(),
            reason=_("STU-forløbet er afsluttet."),
            resolved_by="final_year_activate",
        )
    return activated


@transaction.atomic
def involvement_save(*, person, contact, note: str = "", user=None) -> JobcenterInvolvement:
    """Choose the jobcenter contact (a follower before the final year, a planner in it)."""
    if contact is not None and not (
        contact.municipality_id == person.municipality_id
        and get_user_model().objects.filter(pk=contact.pk).with_role(roles.JOBCENTER).exists()
    ):
        raise ValidationError({"contact": _("Vælg en jobcentermedarbejder i den unges kommune.")})
    involvement, _created = JobcenterInvolvement.objects.select_for_update().get_or_create(
        person=person
    )
    changed = involvement.contact_id != getattr(contact, "pk", None)
    involvement.contact = contact
    involvement.note = note
    involvement.full_clean()
    involvement.save()
    if changed and contact is not None and contact != user:
        notification_send(
            recipient=contact,
            title=_("Du er jobcenterkontakt for %(name)s") % {"name": person.full_name},
            body=_("Du følger nu %(name)s' STU-forløb for jobcentret.")
            % {"name": person.full_name},
            url=_person_url(person.pk),
        )
    if changed and contact is not None and involvement.is_planner:
        ExitTask.objects.filter(
            person=person, agency=ExitAgency.JOBCENTER, done_at__isnull=True
        ).update(responsible=contact)
    return involvement


# ---------------------------------------------------------------- checklist
@transaction.atomic
def exit_task_save(*, person, data: dict, task: ExitTask | None = None) -> ExitTask:
    if task is None:
        task = ExitTask(person=person, kind=ExitTaskKind.OTHER)
    for field in ("title", "agency", "responsible", "due_date"):
        if field in data:
            setattr(task, field, data[field])
    if task.responsible_id and task.responsible.municipality_id != person.municipality_id:
        raise ValidationError({"responsible": _("Vælg en medarbejder i den unges kommune.")})
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def exit_task_set_done(*, task: ExitTask, done: bool, user) -> ExitTask:
    if done and task.done_at is None:
        task.done_at, task.done_by = timezone.now(), user
    elif not done:
        task.done_at, task.done_by = None, None
    task.save(update_fields=["done_at", "done_by"])
    return task


def _complete_task(person, kind, user) -> None:
    ExitTask.objects.filter(person=person, kind=kind, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=user
    )


# ---------------------------------------------------------------- end conversation
@transaction.atomic
def end_conversation_save(*, person, data: dict, user) -> EndConversation:
    """Schedule (or re-schedule) the afslutningssamtale; refused when it is too late."""
    enrolment = person.enrolments.current()
    if enrolment is None:
        raise ValidationError(_("Den unge har ikke et aktivt STU-forløb."))
    conversation = EndConversation.objects.filter(person=person).first() or EndConversation(
        person=person
    )
    conversation.enrolment = enrolment
    for field in ("scheduled_on", "place", "participants", "held", "summary"):
        if field in data:
            setattr(conversation, field, data[field])
    conversation.updated_by = user
    conversation.full_clean()
    conversation.save()
    _complete_task(person, ExitTaskKind.END_CONVERSATION, user)
    flag_services.flags_sync(
        kind=transition_flags.END_CONVERSATION_MISSING,
        due={},
        scope=flag_services.people([person.pk]),
        reason=_("Afslutningssamtalen er planlagt %(date)s.")
        % {"date": short_date(conversation.scheduled_on)},
        resolved_by=user,
    )
    return conversation


def end_conversations_check(*, today: date | None = None) -> int:
    """Flag open enrolments ending within the rule's window with no end conversation
    scheduled in time; resolve the flag where that is fixed. Returns flags raised."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        rules: dict[int, ExitRule] = {}
        enrolments = (
            Enrolment.objects.open()
            .filter(
                planned_end_date__lte=today + timedelta(days=366),
            )
            .select_related("person", "person__end_conversation")
            .order_by("pk")
        )
        fine: list[int] = []
        due: dict[int, flag_services.FlagDue] = {}
        for enrolment in enrolments.iterator():
            person = enrolment.person
            rule = rules.setdefault(
                person.municipality_id, ExitRule.for_municipality(person.municipality_id)
            )
            latest = add_months(enrolment.planned_end_date, -rule.end_conversation_months_before)
            conversation = getattr(person, "end_conversation", None)
            in_time = conversation is not None and conversation.scheduled_on <= latest
            if in_time:
                fine.append(person.pk)
                continue
            if enrolment.planned_end_date > today + timedelta(days=rule.end_conversation_flag_days):
                fine.append(person.pk)
                continue
            if conversation is None:
                details = _(
                    "Der er ikke planlagt en afslutningssamtale. Forløbet slutter %(end)s; "
                    "samtalen skal holdes senest %(latest)s."
                )
            else:
                details = _(
                    "Afslutningssamtalen %(date)s ligger for sent. Forløbet slutter %(end)s; "
                    "samtalen skal holdes senest %(latest)s."
                )
            due[person.pk] = flag_services.FlagDue(
                severity=Severity.CRITICAL if latest < today else Severity.WARNING,
                details=details
                % {
                    "end": short_date(enrolment.planned_end_date),
                    "latest": short_date(latest),
                    "date": short_date(conversation.scheduled_on) if conversation else "",
                },
            )
        kind, job = transition_flags.END_CONVERSATION_MISSING, "end_conversations_check"
        with transaction.atomic():
            sync = flag_services.flags_sync(
                kind=kind,
                due=due,
                scope=flag_services.people(fine),
                reason=_("Afslutningssamtalen er planlagt."),
                resolved_by=job,
            )
            flag_services.flags_sync(
                kind=kind,
                due={},
                scope=flag_services.without_open_enrolment(),
                reason=_("STU-forløbet er afsluttet."),
                resolved_by=job,
            )
    return len(sync.raised)


# ---------------------------------------------------------------- exit plan
class StaleVersionError(ValidationError):
    pass


@transaction.atomic
def exit_plan_update(*, person, expected_version: int, data: dict, user) -> ExitPlan:
    """Save the exit plan; a save based on an old version is refused, never overwriting."""
    plan, _created = ExitPlan.objects.select_for_update().get_or_create(person=person)
    if plan.version != expected_version:
        raise StaleVersionError(
            _(
                "Udslusningsplanen er ændret af en anden, siden du åbnede den. Dine ændringer er "
                "ikke gemt – åbn planen igen og skriv dem ind på ny."
            )
        )
    before = {f: getattr(plan, f) for f in ExitPlan.EDITABLE_FIELDS}
    for field in ExitPlan.EDITABLE_FIELDS:
        if field in data:
            setattr(plan, field, data[field])
    plan.version = F("version") + 1
    plan.updated_by = user
    plan.full_clean(exclude=["version"])
    plan.save()
    plan.refresh_from_db()
    if plan.handover_meeting_on and not before["handover_meeting_on"]:
        _complete_task(person, ExitTaskKind.HANDOVER_MEETING, user)
    if plan.ressourcepapir_delivered_on and not before["ressourcepapir_delivered_on"]:
        _complete_task(person, ExitTaskKind.RESSOURCEPAPIR, user)
    if plan.final_internship and not before["final_internship"]:
        _complete_task(person, ExitTaskKind.FINAL_INTERNSHIP, user)
    if plan.housing_after and not before["housing_after"]:
        _complete_task(person, ExitTaskKind.HOUSING, user)
    return plan


# ---------------------------------------------------------------- functional description
def active_template_for(municipality_id) -> FunctionalDescriptionTemplate | None:
    """The municipality's own active template, else the active global one."""
    return (
        FunctionalDescriptionTemplate.objects.filter(is_active=True)
        .filter(Q(municipality_id=municipality_id) | Q(municipality__isnull=True))
        .order_by(F("municipality_id").asc(nulls_last=True))
        .prefetch_related("sections")
        .first()
    )


@transaction.atomic
def functional_description_start(*, person, user) -> FunctionalDescription:
    """The person's description, started (saved) from the active template if there is none."""
    description = functional_description_draft(person=person, user=user)
    if description.pk is None:
        description.full_clean()
        description.save()
    return description


def functional_description_draft(*, person, user) -> FunctionalDescription:
    """The person's description, or an unsaved one from the active template (nothing is
    written until the caseworker saves)."""
    existing = FunctionalDescription.objects.filter(person=person).first()
    if existing is not None:
        return existing
    template = active_template_for(person.municipality_id)
    if template is None:
        raise ValidationError(
            _("Der er ingen aktiv skabelon for funktionsbeskrivelser. Kontakt en administrator.")
        )
    sections = [
        {"heading": s.heading, "guidance": s.guidance, "required": s.required, "text": ""}
        for s in template.sections.all()
    ]
    return FunctionalDescription(
        person=person, template=template, sections=sections, updated_by=user
    )


@transaction.atomic
def functional_description_update(
    *, description: FunctionalDescription, expected_version: int, texts: list[str], user
) -> FunctionalDescription:
    locked = FunctionalDescription.objects.select_for_update().get(pk=description.pk)
    if locked.version != expected_version:
        raise StaleVersionError(
            _(
                "Funktionsbeskrivelsen er ændret af en anden, siden du åbnede den. Dine "
                "ændringer er ikke gemt – åbn den igen og skriv dem ind på ny."
            )
        )
    if len(texts) != len(locked.sections):
        raise ValidationError(_("Afsnittene passer ikke til beskrivelsen. Åbn den igen."))
    locked.sections = [
        {**section, "text": text.strip()}
        for section, text in zip(locked.sections, texts, strict=True)
    ]
    locked.version = F("version") + 1
    locked.updated_by = user
    locked.save()
    locked.refresh_from_db()
    return locked


def functional_description_html(*, description: FunctionalDescription, handover=None) -> str:
    with translation.override("da"):
        return render_to_string(
            "transitions/exit/functional_description_pdf.html",
            {
                "description": description,
                "person": description.person,
                "municipality": description.person.municipality,
                "template": description.template,
                "handover": handover,
                "today": timezone.localdate(),
            },
        )


@transaction.atomic
def functional_description_hand_over(
    *, description: FunctionalDescription, to_contact, user, note: str = ""
) -> FunctionalDescriptionHandover:
    """Render the description as PDF, store it, record who handed it to whom, and notify the
    jobcenter contact. Refused while required sections are empty."""
    person = description.person
    if description.missing_sections:
        raise ValidationError(
            _("Udfyld alle afsnit, før beskrivelsen overdrages. Mangler: %(list)s.")
            % {"list": ", ".join(description.missing_sections)}
        )
    if not (
        to_contact.municipality_id == person.municipality_id
        and get_user_model().objects.filter(pk=to_contact.pk).with_role(roles.JOBCENTER).exists()
    ):
        raise ValidationError(
            {"to_contact": _("Vælg en jobcentermedarbejder i den unges kommune.")}
        )
    handover = FunctionalDescriptionHandover(
        description=description,
        person=person,
        version=description.version,
        handed_over_by=user,
        handed_over_to=to_contact,
        handed_over_at=timezone.now(),
        note=note,
        pdf=b"",
    )
    handover.pdf = render_pdf(
        functional_description_html(description=description, handover=handover)
    )
    handover.full_clean(exclude=["pdf"])
    handover.save()
    _complete_task(person, ExitTaskKind.FUNCTIONAL_DESCRIPTION, user)
    notification_send(
        recipient=to_contact,
        title=_("Funktionsbeskrivelse overdraget: %(name)s") % {"name": person.full_name},
        body=_("%(by)s har overdraget funktionsbeskrivelsen for %(name)s til dig som PDF.")
        % {"by": user.get_full_name() or user.username, "name": person.full_name},
        url=reverse("transitions:exit_fd_pdf", args=[person.pk, handover.pk]),
    )
    return handover


# ---------------------------------------------------------------- follow-up after STU
ENDED_STATUSES = (
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.DROPPED_OUT,
    EnrolmentStatus.LEFT_FOR_EDUCATION,
)


def follow_ups_start(*, person_id: int) -> int:
    """Create the 3- and 12-month follow-ups of the young person's last ended STU (completed,
    interrupted or left for another education), unless they exist. Returns how many were
    created; safe to call twice (the services call it the day STU ends, the job catches up)."""
    enrolment = (
        Enrolment.objects.filter(
            person_id=person_id, status__in=ENDED_STATUSES, end_date__isnull=False
        )
        .order_by("-end_date")
        .first()
    )
    if enrolment is None or Enrolment.objects.open().filter(person_id=person_id).exists():
        return 0
    created = 0
    for months in FollowUpPoint.values:
        follow_up = FollowUp(
            person_id=person_id,
            enrolment=enrolment,
            months=months,
            ended_on=enrolment.end_date,
            due_on=add_months(enrolment.end_date, months),
        )
        try:
            with transaction.atomic():
                follow_up.save()
        except IntegrityError:
            continue
        created += 1
    return created


def follow_ups_create(*, today: date | None = None) -> tuple[int, int]:
    """Create the 3- and 12-month follow-ups of every STU that ended (completed, or interrupted:
    the young person moves to follow-up) and remind the UU contact person once when one falls
    due. Returns ``(created, reminded)``; (0, 0) on a second run."""
    today = today or timezone.localdate()
    created = reminded = 0
    with translation.override(settings.LANGUAGE_CODE):
        people = (
            YoungPerson.objects.filter(
                enrolments__status__in=ENDED_STATUSES, enrolments__end_date__isnull=False
            )
            .exclude(pk__in=Enrolment.objects.open().values("person"))
            .annotate(n=Count("follow_ups", distinct=True))
            .filter(n__lt=len(FollowUpPoint.values))
            .values_list("pk", flat=True)
            .distinct()
        )
        for person_id in list(people):
            created += follow_ups_start(person_id=person_id)
        due = list(
            FollowUp.objects.filter(
                due_on__lte=today, notified_at__isnull=True, destination=""
            ).values_list("pk", flat=True)
        )
        for pk in due:
            with transaction.atomic():
                # Claim by update: a concurrent run gets 0 rows and sends nothing.
                if not FollowUp.objects.filter(pk=pk, notified_at__isnull=True).update(
                    notified_at=timezone.now()
                ):
                    continue
                follow_up = FollowUp.objects.select_related("person__contact_person").get(pk=pk)
                contact = follow_up.person.contact_person
                if contact is None:
                    continue
                notification_send(
                    recipient=contact,
                    title=_("Opfølgning efter STU: %(name)s")
                    % {"name": follow_up.person.full_name},
                    body=_(
                        "Det er %(months)s måneder siden, %(name)s afsluttede STU (%(end)s). "
                        "Registrér, hvor den unge er nu."
                    )
                    % {
                        "months": follow_up.months,
                        "name": follow_up.person.full_name,
                        "end": short_date(follow_up.ended_on),
                    },
                    url=_person_url(follow_up.person_id),
                )
                reminded += 1
    return created, reminded


@transaction.atomic
def follow_up_record(*, follow_up: FollowUp, data: dict, user) -> FollowUp:
    if not data.get("destination"):
        raise ValidationError({"destination": _("Vælg, hvor den unge er nu.")})
    recorded_on = data.get("recorded_on") or timezone.localdate()
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("Datoen kan ikke ligge i fremtiden.")})
    if recorded_on < follow_up.ended_on:
        raise ValidationError(
            {
                "recorded_on": _("Datoen kan ikke ligge før STU sluttede (%(end)s).")
                % {"end": short_date(follow_up.ended_on)}
            }
        )
    follow_up.destination = data["destination"]
    follow_up.note = data.get("note", "")
    follow_up.recorded_on = recorded_on
    follow_up.recorded_by = user
    follow_up.full_clean()
    follow_up.save()
    if follow_up.months == FollowUpPoint.TWELVE:
        people_services.person_mark_followed_up(person=follow_up.person)
    return follow_up
