from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
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


class User(AbstractUser):
    """A person who logs in: municipal staff, institution staff or an administrator."""

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
