"""Reads for users about the young person: the caseload, the person page, consent, history.

Every queryset is scoped through ``stu_case.permissions``.
"""

from __future__ import annotations

from datetime import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.formats import short_date
from students.models import (
    Enrolment,
    ParentalConsent,
    PlanGoal,
    YoungPerson,
)


def caseload(*, user, filters: dict | None = None) -> QuerySet[YoungPerson]:
    """The list page: constant number of queries whatever the number of young people."""
    filters = filters or {}
    qs = permissions.young_people_for(user).select_related("contact_person")
    if filters.get("q"):
        for term in filters["q"].split():
            qs = qs.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("contact_person"):
        qs = qs.filter(contact_person_id=filters["contact_person"])
    if filters.get("institution"):
        qs = qs.filter(
            pk__in=Enrolment.objects.open()
            .filter(institution_id=filters["institution"])
            .values("person")
        )
    return (
        qs.annotate(
            open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True)
        )
        .prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.open().select_related("institution"),
                to_attr="open_enrolments",
            )
        )
        .order_by("last_name", "first_name", "pk")
    )


def contact_person_choices(*, user) -> list[tuple[int, str]]:
    User = get_user_model()
    if not user.municipality_id:
        return []
    users = (
        User.objects.filter(municipality_id=user.municipality_id, caseload__isnull=False)
        .distinct()
        .order_by("first_name", "last_name")
    )
    return [(u.pk, str(u)) for u in users]


def institution_choices(*, user) -> list[tuple[int, str]]:
    Institution = apps.get_model("institutions", "Institution")
    visible = permissions.young_people_for(user).values("pk")
    qs = (
        Institution.objects.filter(
            pk__in=Enrolment.objects.open().filter(person__in=visible).values("institution")
        )
        .distinct()
        .order_by("name")
    )
    return [(i.pk, i.name) for i in qs]


def person_detail(*, user, pk) -> YoungPerson:
    qs = YoungPerson.objects.select_related(
        "contact_person", "municipality", "plan", "plan__updated_by"
    )
    return permissions.get_or_404(permissions.young_people_for(user), pk, queryset=qs)


def active_consent(*, person) -> ParentalConsent | None:
    return person.consents.filter(withdrawn_on__isnull=True).select_related("recorded_by").first()


def parents_may_be_involved(*, person, consent: ParentalConsent | None) -> bool:
    """Under 18 the parents take part; from 18 only with the young person's consent."""
    if not person.is_adult:
        return True
    return bool(consent and consent.involve_parents)


# ---------------------------------------------------------------- history (django-pghistory)
HISTORY_HIDDEN_FIELDS = {
    "id",
    "cpr",
    "cpr_hash",
    "version",
    "updated_at",
    "created_at",
    "plan",
    "person",
    "goal",
    "data",
    "municipality",
}


def person_history(*, person, limit: int = 200) -> list[dict]:
    """Readable change history of the person, plan, goals, notes, relatives, consent, enrolments.

    One UNION query over the event tables (pghistory ``Events``) plus one for the users.
    """
    from pghistory.models import Events

    plan = getattr(person, "plan", None)
    # references() takes objects of one type: the person (its own rows, relatives, consent,
    # enrolments, flags, plan), the plan (goals) and the goals (progress notes).
    querysets = [Events.objects.references(person)]
    if plan is not None:
        querysets.append(Events.objects.references(plan))
        goals = list(PlanGoal.objects.filter(plan=plan).only("pk"))
        if goals:
            querysets.append(Events.objects.references(*goals))
    seen: dict[tuple[str, int], object] = {}
    for qs in querysets:
        for e in qs.order_by("-pgh_created_at")[:limit]:
            seen.setdefault((e.pgh_model, e.pgh_id), e)
    events = sorted(seen.values(), key=lambda e: e.pgh_created_at, reverse=True)[:limit]
    user_ids = {
        e.pgh_context.get("user") for e in events if e.pgh_context and e.pgh_context.get("user")
    }
    # Users named in the context or in user fields of the rows (contact person, author …).
    user_fields = {
        "contact_person",
        "created_by",
        "author",
        "acknowledged_by",
        "resolved_by",
        "recorded_by",
        "updated_by",
    }
    for e in events:
        for key, value in (e.pgh_diff or e.pgh_data or {}).items():
            if key.removesuffix("_id") in user_fields:
                vals = value if (e.pgh_diff and isinstance(value, list)) else [value]
                user_ids.update(v for v in vals if isinstance(v, int))
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids)}
    names = {("user", pk): str(u) for pk, u in users.items()}
    rows = []
    for e in events:
        model = apps.get_model(e.pgh_obj_model) if e.pgh_obj_model else None
        changes = []
        diff = e.pgh_diff or {}
        source = diff if e.pgh_label == "update" else (e.pgh_data or {})
        for field_name, value in source.items():
            if field_name.removesuffix("_id") in HISTORY_HIDDEN_FIELDS or field_name.startswith(
                "pgh_"
            ):
                continue
            if e.pgh_label == "update":
                before, after = value
            else:
                before, after = None, value
            label, before_txt, after_txt = _describe(model, field_name, before, after, names)
            if before_txt == after_txt:
                continue
            changes.append({"field": label, "before": before_txt, "after": after_txt})
        if e.pgh_label == "update" and not changes:
            continue
        ctx = e.pgh_context or {}
        at = e.pgh_created_at
        if isinstance(at, str):
            at = parse_datetime(at)
        rows.append(
            {
                "at": at,
                "what": str(model._meta.verbose_name) if model else e.pgh_obj_model,
                "action": {
                    "insert": _("oprettet"),
                    "update": _("ændret"),
                    "delete": _("slettet"),
                }.get(e.pgh_label, e.pgh_label),
                "user": users.get(ctx.get("user")),
                "changes": changes,
            }
        )
    return rows


def _describe(model, field_name: str, before, after, names: dict) -> tuple[str, str, str]:
    name = field_name[:-3] if field_name.endswith("_id") else field_name
    label, choices = name, None
    if model is not None:
        try:
            field = model._meta.get_field(name)
            label = str(field.verbose_name)
            choices = dict(field.flatchoices) if field.choices else None
            if field.is_relation:

                def ref(v):
                    if v is None:
                        return ""
                    if field.related_model is get_user_model():
                        return names.get(("user", v), _("bruger nr. %(id)s") % {"id": v})
                    return _("nr. %(id)s") % {"id": v}

                return label, ref(before), ref(after)
        except LookupError:  # a field removed since the event still shows with its raw name
            field = None

    def fmt(v):
        if v is None or v == "":
            return ""
        if choices is not None:
            return str(choices.get(v, v))
        if isinstance(v, bool):
            return _("Ja") if v else _("Nej")
        if isinstance(v, str) and len(v) >= 10 and v[4:5] == "-" and v[7:8] == "-":
            try:
                return short_date(datetime.fromisoformat(v).date())  # the stored date part
            except ValueError:
                return v
        return str(v)

    return label, fmt(before), fmt(after)
