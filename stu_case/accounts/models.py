from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.models import UserManager as AuthUserManager
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_LABELS


class Municipality(models.Model):
    """A municipality (kommune). Its team group carries the object permissions of its staff."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    code = models.CharField(_("kommunekode"), max_length=3, unique=True)
    team_group = models.OneToOneField(
        Group,
        verbose_name=_("teamgruppe"),
        on_delete=models.PROTECT,
        related_name="municipality",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.team_group_id:
            self.team_group, _created = Group.objects.get_or_create(
                name=f"Kommuneteam {self.code} {self.name}"[:150]
            )
        super().save(*args, **kwargs)


class UserQuerySet(models.QuerySet):
    """Who to offer, assign or notify: ``User.objects.active().in_municipality(m).with_role(*roles)``.

    Each method narrows the set with a plain filter, so the chain stays one SQL query and never
    repeats a user (``with_role`` uses ``EXISTS``, not a join).
    """

    def active(self):
        return self.filter(is_active=True)

    def in_municipality(self, *municipalities):
        """Staff of the given municipalities (instances or ids)."""
        return self.filter(municipality__in=municipalities)

    def with_role(self, *role_names: str):
        """Users in at least one of the role groups ``role_names`` (see ``accounts.roles``)."""
        if not role_names:
            raise ValueError("with_role needs at least one role")
        memberships = User.groups.through.objects.filter(
            user_id=OuterRef("pk"), group__name__in=role_names
        )
        return self.filter(Exists(memberships))


class UserManager(AuthUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who logs in: municipal staff, institution staff or an administrator."""

    objects = UserManager()

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Kommunale medarbejdere hører til én kommune. Institutionsansatte har ingen."),
    )
    job_title = models.CharField(_("stilling"), max_length=120, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_names(self) -> list[str]:
        return [g.name for g in self.groups.all() if g.name in ROLE_LABELS]
