"""selectors: internships.

Reads of internship places, a young person's internships and profile, and the matching of
places to a young person. Every read is scoped through ``stu_case.permissions`` and takes a
constant number of queries however many places or students there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from institutions.models import Accommodation, InternshipPlace, Trade
from stu_case import permissions
from stu_case.formats import short_date
from stu_case.permissions import Action
from transitions.models.internships import (
    OPEN_INTERNSHIP_STATUSES,
    Internship,
    InternshipProfile,
    InternshipStage,
    InternshipStatus,
)

MATCH_LIMIT = 30

# Points for the match score: a wished-for trade weighs most; a missing accommodation the
# young person needs pulls the place down.
TRADE_POINTS = 3
ACCOMMODATION_POINTS = 2
MISSING_POINTS = -3
OWN_INSTITUTION_POINTS = 1


def _lower_first(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------- places
def _with_occupancy(qs: QuerySet, today: date) -> QuerySet:
    return qs.annotate(
        occupied=Count(
            "internships",
            filter=Q(
                internships__status__in=OPEN_INTERNSHIP_STATUSES,
                internships__end_date__gte=today,
            ),
        )
    )


def places_for(*, user, filters: dict | None = None, today: date | None = None) -> QuerySet:
    """The place list: one query (institution joined, occupancy annotated)."""
    filters = filters or {}
    today = today or timezone.localdate()
    qs = permissions.internship_places_for(user).select_related("institution")
    if filters.get("q"):
        for term in filters["q"].split():
            qs = qs.filter(
                Q(company_name__icontains=term)
                | Q(city__icontains=term)
                | Q(contact_name__icontains=term)
                | Q(cvr__startswith=term)
            )
    if filters.get("trade"):
        qs = qs.filter(trades__contains=[filters["trade"]])
    if filters.get("accommodation"):
        qs = qs.filter(accommodations__contains=[filters["accommodation"]])
    if filters.get("institution"):
        qs = qs.filter(institution=filters["institution"])
    status = filters.get("status") or "active"
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    if filters.get("shared"):
        qs = qs.filter(shared_with_jobcenter=True)
    return _with_occupancy(qs, today).order_by("company_name", "pk")


def place_detail(*, user, pk, today: date | None = None) -> InternshipPlace:
    today = today or timezone.localdate()
    return permissions.get_or_404(
        permissions.internship_places_for(user),
        pk,
        queryset=_with_occupancy(InternshipPlace.objects.select_related("institution"), today),
    )


def place_internships(*, user, place: InternshipPlace) -> list[Internship]:
    """Internships at the place of young people the user may see (current and coming first)."""
    visible = permissions.young_people_for(user).values("pk")
    return list(
        Internship.objects.filter(place=place, person__in=visible)
        .select_related("person")
        .order_by("-start_date", "-pk")[:50]
    )


def place_filter_institutions(*, user) -> QuerySet:
    """Institutions with places the user may see (for the list's filter). One query."""
    from institutions.models import Institution

    return Institution.objects.filter(
        pk__in=permissions.internship_places_for(user).values("institution")
    ).order_by("name")


def place_institution_choices(*, user) -> QuerySet:
    """Institutions whose places the user keeps (for the create form)."""
    return permissions.institutions_for(user).order_by("name")


# ---------------------------------------------------------------- a person's internships
def person_internships(*, person) -> list[Internship]:
    return list(
        Internship.objects.filter(person=person)
        .select_related("place", "place__institution", "evaluated_by")
        .order_by("start_date", "pk")
    )


def suggested_stage(*, person) -> int:
    """The stage after the highest completed one (interest → vocational → workplace)."""
    done = (
        Internship.objects.filter(person=person, status=InternshipStatus.COMPLETED)
        .order_by("-stage")
        .values_list("stage", flat=True)
        .first()
    )
    return min((done or 0) + 1, InternshipStage.WORKPLACE)


def person_profile(*, person) -> InternshipProfile | None:
    return InternshipProfile.objects.filter(person=person).first()


@dataclass
class StageStep:
    stage: int
    label: str
    internships: list = field(default_factory=list)

    @property
    def reached(self) -> bool:
        return bool(self.internships)

    @property
    def completed(self) -> bool:
        return any(i.status == InternshipStatus.COMPLETED for i in self.internships)

    @property
    def ongoing(self) -> bool:
        return any(
            i.status == InternshipStatus.ONGOING or i.is_current_on() for i in self.internships
        )

    @property
    def planned(self) -> bool:
        return any(i.is_open for i in self.internships)


def progression(internships: list[Internship]) -> list[StageStep]:
    """The three stages (interest → vocational → potential workplace) with their internships."""
    steps = [StageStep(stage=s.value, label=str(s.label)) for s in InternshipStage]
    by_stage = {s.stage: s for s in steps}
    for internship in internships:
        by_stage[internship.stage].internships.append(internship)
    return steps


def person_page(*, user, person, today: date | None = None) -> dict:
    """Everything the person's internship page and panel show (three queries)."""
    today = today or timezone.localdate()
    internships = person_internships(person=person)
    profile = person_profile(person=person)
    current = [i for i in internships if i.is_current_on(today)]
    upcoming = [i for i in internships if i.is_open and i.start_date > today]
    return {
        "internships": internships,
        "internship_profile": profile,
        "internship_steps": progression(internships),
        "internship_current": current,
        "internship_next": upcoming[0] if upcoming else None,
        "internship_today": today,
        "internship_highest_stage": max(
            (i.stage for i in internships if i.status != InternshipStatus.CANCELLED), default=0
        ),
    }


def person_panel(*, user, person) -> dict:
    """Context for this area's section of the person's transitions page (``transitions:person``).

    Keys are merged into the page context; keep them prefixed with the area's name.
    """
    ctx = person_page(user=user, person=person)
    ctx["internship_can_edit"] = permissions.can(user, Action.EDIT_INTERNSHIPS, person)
    return ctx


# ---------------------------------------------------------------- agenda hook
def _describe(internship: Internship, today: date, *, current: bool) -> str:
    when = (
        _("til %(end)s") % {"end": short_date(internship.end_date)}
        if current
        else _("fra %(start)s") % {"start": short_date(internship.start_date)}
    )
    what = _("%(stage)s, %(purpose)s") % {
        "stage": _("trin %(n)s") % {"n": internship.stage},
        "purpose": _lower_first(internship.get_purpose_display()),
    }
    if current:
        return _("I praktik hos %(name)s %(when)s (%(what)s)") % {
            "name": internship.workplace_name,
            "when": when,
            "what": what,
        }
    return _("Næste praktik: %(name)s %(when)s (%(what)s)") % {
        "name": internship.workplace_name,
        "when": when,
        "what": what,
    }


def internship_status_for(*, person_ids, today: date | None = None) -> dict[int, str]:
    """Short Danish current/next internship per person (for the status-meeting agenda).
    Persons without one are left out. Constant number of queries (one)."""
    today = today or timezone.localdate()
    ids = list(person_ids)
    if not ids:
        return {}
    rows = (
        Internship.objects.filter(
            person_id__in=ids, status__in=OPEN_INTERNSHIP_STATUSES, end_date__gte=today
        )
        .select_related("place")
        .order_by("person_id", "start_date", "pk")
    )
    current: dict[int, Internship] = {}
    upcoming: dict[int, Internship] = {}
    for internship in rows:
        if internship.start_date <= today:
            current.setdefault(internship.person_id, internship)
        else:
            upcoming.setdefault(internship.person_id, internship)
    out: dict[int, str] = {}
    for pid in ids:
        parts = []
        if pid in current:
            parts.append(_describe(current[pid], today, current=True))
        if pid in upcoming:
            parts.append(_describe(upcoming[pid], today, current=False))
        if parts:
            out[pid] = ". ".join(parts)
    return out


# ---------------------------------------------------------------- matching
@dataclass
class Match:
    place: InternshipPlace
    score: int
    reasons: list[str]
    missing: list[str]
    free: int

    @property
    def all_reasons(self) -> list[str]:
        return self.reasons + self.missing


def score_place(
    *, place: InternshipPlace, profile: InternshipProfile | None, own_institution_ids=()
) -> tuple[int, list[str], list[str]]:
    """Score one place against the profile; returns (score, reasons, missing)."""
    trades = list(profile.trades) if profile else []
    needs = list(profile.accommodations) if profile else []
    score = 0
    reasons: list[str] = []
    missing: list[str] = []
    for trade in trades:
        if trade in place.trades:
            score += TRADE_POINTS
            reasons.append(
                _("Matcher interesse: %(trade)s") % {"trade": _lower_first(Trade(trade).label)}
            )
    for need in needs:
        label = _lower_first(Accommodation(need).label)
        if need in place.accommodations:
            score += ACCOMMODATION_POINTS
            reasons.append(_("Kan tilbyde: %(need)s") % {"need": label})
        else:
            score += MISSING_POINTS
            missing.append(_("Mangler: %(need)s") % {"need": label})
    if place.institution_id in own_institution_ids:
        score += OWN_INSTITUTION_POINTS
        reasons.append(_("Praktiksted hos den unges STU-institution"))
    return score, reasons, missing


def match_places(
    *, user, person, profile: InternshipProfile | None, today: date | None = None
) -> list[Match]:
    """Places visible to ``user`` ranked by fit with the young person's profile.

    Inactive and full places are left out. Two queries (the student's institution, the
    places with occupancy), whatever the number of places.
    """
    today = today or timezone.localdate()
    own_institution_ids = set(person.enrolments.open().values_list("institution_id", flat=True))
    already = Internship.objects.filter(
        person=person, place=OuterRef("pk"), status__in=OPEN_INTERNSHIP_STATUSES
    )
    qs = _with_occupancy(
        permissions.internship_places_for(user)
        .filter(is_active=True, institution__is_active=True)
        .select_related("institution"),
        today,
    ).annotate(already_booked=Exists(already))
    matches = []
    for place in qs:
        free = place.capacity - place.occupied
        if free <= 0 or place.already_booked:
            continue
        score, reasons, missing = score_place(
            place=place, profile=profile, own_institution_ids=own_institution_ids
        )
        matches.append(Match(place=place, score=score, reasons=reasons, missing=missing, free=free))
    matches.sort(key=lambda m: (-m.score, len(m.missing), m.place.company_name.lower(), m.place.pk))
    return matches[:MATCH_LIMIT]


# ---------------------------------------------------------------- overview of students
def overview(*, user, filters: dict | None = None, today: date | None = None) -> QuerySet:
    """Actively enrolled young people the user may see in internship terms, with their
    internships prefetched (two queries per page). Institution staff: their own students."""
    filters = filters or {}
    today = today or timezone.localdate()
    from students.models import Enrolment

    people = permissions.young_people_for(user).filter(
        Exists(
            Enrolment.objects.filter(
                person=OuterRef("pk"),
                status="active",
                **(
                    {"institution__memberships__user": user}
                    if permissions.is_institution_staff_only(user)
                    else {}
                ),
            )
        )
    )
    if filters.get("q"):
        for term in filters["q"].split():
            people = people.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term))
    open_now = Internship.objects.filter(
        person=OuterRef("pk"), status__in=OPEN_INTERNSHIP_STATUSES, end_date__gte=today
    )
    people = people.annotate(has_open_internship=Exists(open_now))
    if filters.get("without"):
        people = people.filter(has_open_internship=False)
    return people.prefetch_related(
        Prefetch(
            "internships",
            queryset=Internship.objects.select_related("place").order_by("start_date", "pk"),
            to_attr="internship_list",
        ),
        Prefetch(
            "enrolments",
            queryset=Enrolment.objects.filter(status="active").select_related("institution"),
            to_attr="active_enrolments",
        ),
    ).order_by("last_name", "first_name", "pk")
