"""Reads for users. Every person-bearing queryset is scoped through ``stu_case.permissions``."""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from stu_case import permissions
from students.models import PersonStatus, YoungPerson

from . import services
from .models import (
    OPEN_RECOMMENDATION_STATUSES,
    RECOMMENDED_MIN_VISITED,
    AgendaItem,
    Appeal,
    Committee,
    CommitteeMember,
    Decision,
    DecisionLetter,
    InstitutionVisit,
    IntroCourse,
    Meeting,
    MemberKind,
    OfferedInstitution,
    Outcome,
    Recommendation,
    RecommendationStatus,
    SignOff,
    Wish,
)

PIPELINE_STATUSES = (
    PersonStatus.CANDIDATE,
    PersonStatus.CLARIFICATION,
    PersonStatus.RECOMMENDED,
    PersonStatus.DECIDED,
)


def institutions():
    """The catalogue's active institutions (choices for visits, wishes and offers)."""
    Institution = apps.get_model("institutions", "Institution")
    return Institution.objects.filter(is_active=True).order_by("name")


# ---------------------------------------------------------------- candidates: who is coming
def candidates(*, user, filters: dict | None = None) -> QuerySet[YoungPerson]:
    """Young people on their way to STU, by when they are expected to start.

    Constant number of queries: one for the people (with the open recommendation and the
    expected start annotated) and one prefetch each for visits and introduction courses.
    """
    filters = filters or {}
    open_rec = Recommendation.objects.filter(
        person=OuterRef("pk"), status__in=OPEN_RECOMMENDATION_STATUSES
    )
    granted = Decision.objects.filter(person=OuterRef("pk"), outcome=Outcome.GRANTED).order_by(
        "-decided_on", "-pk"
    )
    qs = (
        permissions.young_people_for(user, permissions.VIEW_SENSITIVE)
        .filter(status__in=filters.get("statuses") or PIPELINE_STATUSES)
        .select_related("contact_person", "school_coordination")
        .annotate(
            coming_on=Coalesce(
                Subquery(granted.values("start_date")[:1]),
                Subquery(open_rec.values("proposed_start")[:1]),
                "school_coordination__expected_start",
            ),
            rec_status=Subquery(open_rec.values("status")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "institution_visits",
                queryset=InstitutionVisit.objects.only("id", "person_id", "institution_id"),
                to_attr="visits_list",
            ),
            Prefetch(
                "intro_courses",
                queryset=IntroCourse.objects.only("id", "person_id", "institution_id"),
                to_attr="courses_list",
            ),
        )
    )
    if filters.get("start_from"):
        qs = qs.filter(coming_on__gte=filters["start_from"])
    if filters.get("start_to"):
        qs = qs.filter(coming_on__lte=filters["start_to"])
    if filters.get("q"):
        for term in filters["q"].split():
            qs = qs.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term))
    return qs.order_by("coming_on", "last_name", "first_name", "pk")


def annotate_candidates(people: list[YoungPerson]) -> list[YoungPerson]:
    """Derived facts for the list (no queries: uses the prefetched rows)."""
    today = timezone.localdate()
    labels = dict(RecommendationStatus.choices)
    for p in people:
        visited = {v.institution_id for v in p.visits_list} | {
            c.institution_id for c in p.courses_list
        }
        p.visited_count = len(visited)
        p.too_few_visits = p.visited_count < RECOMMENDED_MIN_VISITED
        p.rec_status_label = labels.get(p.rec_status, "")
        coordination = getattr(p, "school_coordination", None)
        p.coordination = coordination
        p.meeting_late = bool(coordination and coordination.meeting_late)
        p.starts_soon = bool(p.coming_on and (p.coming_on - today).days <= 183)
    return people


def term_label(day: date | None) -> str:
    if day is None:
        return ""
    return f"{'Sommer' if day.month >= 6 else 'Vinter'} {day.year}"


# ---------------------------------------------------------------- one person's case
def person_case(*, user, pk) -> YoungPerson:
    """The person for the visitation page (404 unless the user may see the case material)."""
    qs = YoungPerson.objects.select_related("contact_person", "municipality", "plan")
    return permissions.get_young_person_or_404(
        user, pk, perm=permissions.VIEW_SENSITIVE, queryset=qs
    )


def visits(*, person) -> QuerySet[InstitutionVisit]:
    return person.institution_visits.select_related("institution", "recorded_by")


def intro_courses(*, person) -> QuerySet[IntroCourse]:
    return person.intro_courses.select_related("institution", "recorded_by")


def wishes(*, person) -> QuerySet[Wish]:
    return person.wishes.select_related("institution").order_by("rank")


def recommendations(*, person) -> list[Recommendation]:
    return list(
        person.recommendations.select_related(
            "recommended_by", "proposed_institution", "alternative_institution"
        )
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=OfferedInstitution.objects.select_related("institution").order_by(
                    "institution__name"
                ),
            ),
            Prefetch(
                "sign_offs",
                queryset=SignOff.objects.select_related("signed_by").order_by("-signed_at"),
            ),
        )
        .order_by("-created_at")
    )


def decisions(*, person) -> list[Decision]:
    return list(
        person.visitation_decisions.select_related(
            "institution",
            "recorded_by",
            "agenda_item__meeting",
            "recommendation",
        )
        .prefetch_related(
            "voters",
            Prefetch(
                "appeals",
                queryset=Appeal.objects.select_related("registered_by").order_by("-received_on"),
            ),
            Prefetch(
                "letters",
                queryset=DecisionLetter.objects.defer("pdf").order_by("-version"),
            ),
        )
        .order_by("-decided_on", "-pk")
    )


def recommendation_for(*, person, pk) -> Recommendation:
    try:
        return person.recommendations.select_related("recommended_by").get(pk=pk)
    except (Recommendation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def decision_for(*, user, pk) -> Decision:
    """A decision whose person the user may see the case material of, else 404."""
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    try:
        return Decision.objects.select_related(
            "person__municipality",
            "recommendation",
            "agenda_item__meeting__committee",
            "institution",
        ).get(pk=pk, person__in=visible)
    except (Decision.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def latest_letter(*, decision) -> DecisionLetter:
    letter = decision.letters.order_by("-version").first()
    if letter is None:
        raise Http404
    return letter


def appeal_for(*, user, pk) -> Appeal:
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    try:
        return Appeal.objects.select_related("decision__person", "decision__recommendation").get(
            pk=pk, person__in=visible
        )
    except (Appeal.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


# ---------------------------------------------------------------- committee and meetings
def committee_of(*, user) -> Committee | None:
    if not user.municipality_id:
        return None
    return Committee.objects.filter(municipality_id=user.municipality_id).first()


def meetings(*, user) -> QuerySet[Meeting]:
    from django.db.models import Count

    return (
        permissions.meetings_for(user)
        .select_related("committee")
        .annotate(item_count=Count("items"))
        .order_by("-starts_at")
    )


def meeting_detail(*, user, pk) -> Meeting:
    try:
        return permissions.meetings_for(user).select_related("committee__municipality").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def agenda(*, user, meeting) -> list[AgendaItem]:
    """The agenda items whose person the user may see (scoped person by person)."""
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    return list(
        meeting.items.filter(person__in=visible)
        .select_related(
            "person",
            "presenter",
            "recommendation__proposed_institution",
            "decision__institution",
        )
        .prefetch_related(
            Prefetch(
                "recommendation__offers",
                queryset=OfferedInstitution.objects.select_related("institution"),
            )
        )
        .order_by("position")
    )


def hidden_agenda_count(*, user, meeting) -> int:
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    return meeting.items.exclude(person__in=visible).count()


def recommendations_in_pipeline(*, user, committee) -> tuple[list, list]:
    """(ready, waiting): recommendations that can go on an agenda, and those that cannot yet
    with the reasons why.

    A submitted recommendation is addressed to the committee, so whoever manages its meetings
    sees the list (name, proposed institution, what is missing) to build the agenda — but not
    the case material, which opens only once the case is on the agenda. The view logs the read.
    """
    if not permissions.can_manage_meetings(user, committee):
        return [], []
    recs = list(
        Recommendation.objects.filter(
            person__municipality_id=committee.municipality_id,
            status__in=[RecommendationStatus.SUBMITTED, RecommendationStatus.READY],
        )
        .select_related("person", "recommended_by", "proposed_institution")
        .prefetch_related("sign_offs")
        .order_by("submitted_at", "pk")
    )
    ready, waiting = [], []
    for rec in recs:
        rec.blockers = services.agenda_blockers(rec)
        (waiting if rec.blockers else ready).append(rec)
    return ready, waiting


def committee_members(*, committee) -> list[CommitteeMember]:
    return list(committee.members.filter(is_active=True).select_related("user"))


def voting_members(*, committee) -> list[CommitteeMember]:
    return [m for m in committee_members(committee=committee) if m.kind == MemberKind.VOTING]


def decorate_recommendation(rec: Recommendation) -> Recommendation:
    """Sign-off rows, agenda blockers and submission problems for the templates (no queries
    beyond the prefetched sign-offs and offers)."""
    from .models import Agency

    signed = services.current_sign_offs(rec)
    rec.current_sign_offs = signed
    rec.sign_off_rows = [{"label": a.label, "sign_off": signed.get(a.value)} for a in Agency]
    rec.blockers = (
        services.agenda_blockers(rec)
        if rec.is_editable and rec.status != RecommendationStatus.DRAFT
        else []
    )
    rec.problems = (
        rec.submission_problems(offered=[o.institution for o in rec.offers.all()])
        if rec.status == RecommendationStatus.DRAFT
        else []
    )
    return rec
