"""Builders for visitation tests, the URL matrix and the browser walk (no pytest imports).

Everything is created through the visitation services, so test data obeys the same rules.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from students.models import PersonStatus
from tests import factories
from visitation.models import Committee, CommitteeMember, MemberKind, Outcome
from visitation.services import clarification as clarification_services
from visitation.services import committee as committee_services
from visitation.services import recommendations as recommendation_services

JUSTIFICATION = (
    "Den unge har brug for et særligt tilrettelagt forløb med faste voksne og små hold. "
    "FGU er afprøvet i tre måneder uden at den unge kunne gennemføre."
)


def committee(*, municipality, voting=(), presenters=(), access_days=14) -> Committee:
    """A committee; ``voting`` is a list of (user, represents)."""
    c = Committee(municipality=municipality, access_days_after_decision=access_days)
    c.full_clean()
    c.save()
    for user, represents in voting:
        m = CommitteeMember(committee=c, user=user, represents=represents, kind=MemberKind.VOTING)
        m.full_clean()
        m.save()
    for user in presenters:
        m = CommitteeMember(committee=c, user=user, represents="uu", kind=MemberKind.PRESENTER)
        m.full_clean()
        m.save()
    return c


def standard_committee(cast) -> Committee:
    """The cast's committee: forvaltning, visitation and jobcenter vote; UU presents."""
    if "committee" not in cast.extra:
        cast.extra["committee"] = committee(
            municipality=cast.municipality,
            voting=[
                (cast.forvaltning_user, "forvaltning"),
                (cast.visitation_user, "visitation"),
                (cast.jobcenter_user, "jobcenter"),
            ],
            presenters=[cast.uu_user],
        )
    return cast.extra["committee"]


def visits(*, person, institutions, user):
    out = []
    for i, inst in enumerate(institutions):
        out.append(
            clarification_services.visit_save(
                person=person,
                data={
                    "institution": inst,
                    "visited_on": timezone.localdate() - timedelta(days=30 - i),
                    "young_person_present": True,
                    "relatives_present": "mor",
                    "young_person_impressions": "Der var rart og roligt.",
                },
                user=user,
            )
        )
    return out


def recommendation_data(*, proposed, start=None) -> dict:
    today = timezone.localdate()
    return {
        "target_group_assessment": "Den unge er i målgruppen: " + JUSTIFICATION,
        "other_options": "FGU afprøvet i tre måneder; ordinær ungdomsuddannelse overvejet.",
        "proposed_institution": proposed,
        "proposed_start": start or today + timedelta(days=60),
        "young_person_view": "Jeg vil gerne lave mad.",
        "young_person_heard_on": today - timedelta(days=3),
        "relatives_view": "Mor støtter valget.",
        "relatives_heard_on": today - timedelta(days=3),
    }


def recommendation(*, person, user, offered, submit=True, start=None):
    rec = recommendation_services.recommendation_create(
        person=person,
        data=recommendation_data(proposed=offered[0], start=start),
        offered=offered,
        user=user,
    )
    if submit:
        rec = recommendation_services.recommendation_submit(recommendation=rec, user=user)
    return rec


def sign_off_all(*, rec, forvaltning_user, jobcenter_user):
    recommendation_services.sign_off_record(
        recommendation=rec, agency="forvaltning", agrees=True, comment="", user=forvaltning_user
    )
    recommendation_services.sign_off_record(
        recommendation=rec, agency="jobcenter", agrees=True, comment="", user=jobcenter_user
    )
    rec.refresh_from_db()
    return rec


def meeting(*, committee, user, days_ahead=7):
    return committee_services.meeting_create(
        committee=committee,
        starts_at=timezone.now() + timedelta(days=days_ahead),
        location="Mødelokale 2, Rådhuset",
        user=user,
    )


def ready_case(cast, *, person=None):
    """A person with a signed-off recommendation (institution, other_institution offered)."""
    person = person or cast.person
    rec = recommendation(
        person=person, user=cast.uu_user, offered=[cast.institution, cast.other_institution]
    )
    return sign_off_all(
        rec=rec, forvaltning_user=cast.forvaltning_user, jobcenter_user=cast.jobcenter_user
    )


def scheduled_case(cast, *, person=None):
    """(meeting, agenda item): a ready case on the agenda of the cast's committee."""
    comm = standard_committee(cast)
    rec = ready_case(cast, person=person)
    m = meeting(committee=comm, user=cast.visitation_user)
    (item,) = committee_services.meeting_add_to_agenda(
        meeting=m, recommendations=[rec], user=cast.visitation_user
    )
    return m, item


def granted_data(*, institution, start=None) -> dict:
    return {
        "outcome": Outcome.GRANTED,
        "institution": institution,
        "start_date": start or timezone.localdate() + timedelta(days=60),
        "decided_on": timezone.localdate(),
        "legal_basis": "STU-loven §§ 1-2 b.",
    }


def refused_data() -> dict:
    today = timezone.localdate()
    return {
        "outcome": Outcome.REFUSED,
        "decided_on": today,
        "legal_basis": "STU-loven § 1 og § 2.",
        "facts": "Skoleudtalelse og praktikudtalelse.",
        "considerations": "Den unge kan gennemføre FGU med støtte.",
        "justification": "Afslag, fordi den unge ikke er i målgruppen: " + JUSTIFICATION,
        "hearing_sent_on": today - timedelta(days=14),
        "hearing_answered_on": today - timedelta(days=7),
        "hearing_answer": "Den unge er uenig.",
    }


def candidate(cast, **kwargs):
    kwargs.setdefault("status", PersonStatus.CANDIDATE)
    return factories.YoungPersonFactory(
        municipality=cast.municipality, contact_person=cast.uu_user, **kwargs
    )
