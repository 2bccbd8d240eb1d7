"""Visitation models: the committee and its meetings.

The municipality's committee (``Committee``, ``CommitteeMember``) meets (``Meeting``) with an
agenda (``AgendaItem``) of ready recommendations; its members see the case material only while
a case is on their agenda (``CommitteeAccessGrant``).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stu_case.accounts import roles
from stu_case.formats import short_datetime
from visitation.models.recommendations import Recommendation

DEFAULT_ACCESS_DAYS = 14


@pghistory.track()
class Committee(models.Model):
    """The municipality's visitation committee (visitationsudvalg)."""

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="visitation_committee",
    )
    name = models.CharField(_("navn"), max_length=200, default="Visitationsudvalget for STU")
    access_days_after_decision = models.PositiveSmallIntegerField(
        _("adgang efter afgørelsen (dage)"),
        default=DEFAULT_ACCESS_DAYS,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "Udvalgets medlemmer ser sagens akter, mens sagen er på dagsordenen, og dette "
            "antal dage efter afgørelsen. Derefter fjernes adgangen automatisk."
        ),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("visitationsudvalg")
        verbose_name_plural = _("visitationsudvalg")
        ordering = ["municipality__name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    def composition_problems(self, members=None) -> list[str]:
        """Good administrative practice for the committee as a whole (empty list = fine)."""
        members = [
            m for m in (members if members is not None else self.members.all()) if m.is_active
        ]
        voting = [m for m in members if m.is_voting]
        problems = []
        if not any(m.represents in roles.COMMITTEE_ADMINISTRATION_ROLES for m in voting):
            problems.append(
                _(
                    "Udvalget skal have mindst ét stemmeberettiget medlem fra den ansvarlige "
                    "forvaltning."
                )
            )
        if not any(m.represents == roles.JOBCENTER for m in voting):
            problems.append(
                _("Udvalget skal have mindst ét stemmeberettiget medlem fra jobcentret.")
            )
        return problems


class MemberKind(models.TextChoices):
    VOTING = "voting", _("Medlem med stemmeret")
    PRESENTER = "presenter", _("Fremlægger uden stemmeret (fx UU)")
    SECRETARY = "secretary", _("Sekretær uden stemmeret")


MEMBER_REPRESENTS = [
    (roles.FORVALTNING, _("Social-/handicapforvaltningen")),
    (roles.VISITATION, _("Børne- og ungeforvaltningen / visitationen")),
    (roles.JOBCENTER, _("Jobcentret")),
    (roles.UU, _("UU/KUI")),
]


@pghistory.track()
class CommitteeMember(models.Model):
    """A member of the committee. The rules follow good administrative practice (catalogue):

    * members come from the responsible administration(s) and the jobcenter;
    * UU recommends and so may only present, never vote;
    * institution staff (the supplier) can never be members (the committee buys).
    """

    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    kind = models.CharField(
        _("rolle i udvalget"), max_length=20, choices=MemberKind.choices, default=MemberKind.VOTING
    )
    represents = models.CharField(_("repræsenterer"), max_length=20, choices=MEMBER_REPRESENTS)
    is_chair = models.BooleanField(_("formand"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("udvalgsmedlem")
        verbose_name_plural = _("udvalgsmedlemmer")
        ordering = ["-is_chair", "kind", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="unique_committee_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"

    @property
    def is_voting(self) -> bool:
        return self.kind == MemberKind.VOTING

    def clean(self):
        committee = getattr(self, "committee", None) if self.committee_id is None else None
        committee = committee or (self.committee if self.committee_id else None)
        if not self.user_id or committee is None:
            return
        user = self.user
        user_roles = set(
            user.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)
        )
        if roles.INSTITUTION in user_roles or user.institution_memberships.exists():
            raise ValidationError(
                {
                    "user": _(
                        "%(user)s arbejder på en STU-institution og kan ikke være medlem af "
                        "visitationsudvalget. God forvaltningsskik: kommunen bestiller, "
                        "institutionen leverer – de to roller må ikke blandes."
                    )
                    % {"user": user}
                }
            )
        if user.municipality_id != committee.municipality_id:
            raise ValidationError(
                {"user": _("Medlemmer skal være ansat i %(m)s.") % {"m": committee.municipality}}
            )
        if self.represents and self.represents not in user_roles:
            raise ValidationError(
                {
                    "represents": _("%(user)s har ikke rollen '%(role)s'.")
                    % {"user": user, "role": roles.ROLE_LABELS.get(self.represents, "")}
                }
            )
        if self.kind == MemberKind.VOTING and self.represents not in roles.COMMITTEE_VOTING_ROLES:
            raise ValidationError(
                {
                    "kind": _(
                        "En UU-vejleder indstiller og kan kun deltage som fremlægger uden "
                        "stemmeret. Stemmeberettigede medlemmer kommer fra den ansvarlige "
                        "forvaltning og jobcentret (god forvaltningsskik: indstiller og "
                        "beslutningstager må ikke blandes)."
                    )
                }
            )


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


@pghistory.track()
class Meeting(models.Model):
    """A committee meeting with its agenda and minutes."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("tidspunkt"))
    location = models.CharField(_("sted"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("referat"), blank=True)
    attendees = models.CharField(
        _("deltagere"),
        max_length=500,
        blank=True,
        help_text=_("Hvem deltog i mødet (udfyldes med referatet)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("visitationsmøde")
        verbose_name_plural = _("visitationsmøder")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return str(_("Visitationsmøde %(when)s") % {"when": short_datetime(self.starts_at)})


@pghistory.track()
class AgendaItem(models.Model):
    """One recommendation on a meeting's agenda, presented by its UU caseworker."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="items"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("indstilling"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("punkt nr."))
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fremlægges af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    access_until = models.DateTimeField(
        _("udvalgets adgang til sagen ophører"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "recommendation"], name="recommendation_once_per_meeting"
            ),
            models.UniqueConstraint(fields=["meeting", "position"], name="unique_agenda_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"


class CommitteeAccessGrant(models.Model):
    """Ledger of the per-user access a committee member got through an agenda item.

    The guardian permission is removed only when no other open grant for the same user and
    person remains, so two meetings with the same case do not take each other's access away.
    """

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("dagsordenspunkt"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "students.YoungPerson", verbose_name=_("ung"), on_delete=models.CASCADE, related_name="+"
    )
    granted_at = models.DateTimeField(_("givet"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("fjernet"), null=True, blank=True)

    class Meta:
        verbose_name = _("udvalgsadgang")
        verbose_name_plural = _("udvalgsadgange")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_open_grant_per_item_and_user",
            )
        ]
        indexes = [models.Index(fields=["user", "person", "revoked_at"], name="grant_user_person")]

    def __str__(self) -> str:
        return f"{self.user} → {self.person}"
