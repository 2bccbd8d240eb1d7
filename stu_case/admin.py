"""The one admin policy: case data is read-only and every look at it is logged.

Two kinds of data are registered in the admin:

- **Case data** (everything the case pages, the portal and the jobs write: the young person and
  everything that hangs off them, meetings, requests, notices, flags, the access log itself) is
  registered with :class:`CaseDataAdmin`. It has no add, change or delete (the change view shows
  the fields read-only) because the rules, the notifications and the access grants live in the
  services: an administrator who rewrote an interruption decision here would skip the service
  that ends the enrolment and informs the jobcenter. The change view links to the page where the
  change is made (``case_page``). Opening a change view, or exporting, writes an access-log row.
  A case-data admin may offer an add form only when it creates through the service
  (:meth:`CaseDataAdmin.create_through_service`), and actions only when they call services.
- **Lookup data** (what an administrator maintains: municipalities, users and groups,
  institutions and memberships, target groups, quality standards, reviews and agreements,
  internship places, committees and members, appeal guidance, the functional-description
  templates, absence rules, exit rules and status-meeting settings) uses a plain
  ``admin.ModelAdmin`` and stays editable.

Every registered model with a foreign-key path to the young person (:func:`person_path`) is
case data; ``tests/stu_case/test_admin_policy.py`` checks that for every model in the registry,
so a new model cannot be registered editable by mistake. Third-party admins keep their own
read-only admins: ``axes``' login attempts, and ``pghistory``'s change history, whose opening
is logged too (``stu_case.audit.admin.ChangeHistoryAdmin``).
"""

from __future__ import annotations

from functools import cache

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write

# The subject of every case (a string, so this layer imports nothing from students).
CASE_SUBJECT = "students.YoungPerson"
_MAX_PATH = 3


@cache
def person_path(model: type[models.Model]) -> str | None:
    """The lookup from ``model`` to the young person it is about (``"pk"`` for the young person,
    ``"person"``, ``"plan__person"`` …), the shortest along foreign keys; ``None`` if there is
    none (then a row is not about one young person)."""
    if model._meta.label == CASE_SUBJECT:
        return "pk"
    frontier: list[tuple[type[models.Model], str]] = [(model, "")]
    for _depth in range(_MAX_PATH):
        next_frontier = []
        for current, prefix in frontier:
            for field in current._meta.get_fields():
                if not (field.many_to_one or field.one_to_one) or not field.concrete:
                    continue
                related = field.related_model
                if related is None:
                    continue
                lookup = f"{prefix}{field.name}"
                if related._meta.label == CASE_SUBJECT:
                    return lookup
                next_frontier.append((related, f"{lookup}__"))
        frontier = next_frontier
    return None


class CaseDataAdmin(admin.ModelAdmin):
    """Case data in the admin: read-only, and every opening or export is an audited read.

    Subclasses set ``case_page`` (a URL name whose one argument is the young person's id, e.g.
    ``"transitions:person"``) or override :meth:`case_page_url`, so the change view shows where
    the change is made. ``audit_purpose`` is the purpose written to the access log.
    """

    audit_purpose = _("Visning i administrationen")
    case_page: str = ""

    # ---------------------------------------------------------------- no writes
    def create_through_service(self, request, form):
        """Override to offer the add form: create the object through its service and return it.
        Without an override there is no add form."""
        raise NotImplementedError

    def _creates_through_service(self) -> bool:
        return type(self).create_through_service is not CaseDataAdmin.create_through_service

    def has_add_permission(self, request):
        return self._creates_through_service() and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change or not self._creates_through_service():
            raise PermissionDenied
        created = self.create_through_service(request, form)
        obj.pk = created.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        """Whatever the service created is complete: no inline or many-to-many save here."""

    def get_inline_instances(self, request, obj=None):
        """Inlines show what hangs off a row; the add form (a service's input) has none."""
        return super().get_inline_instances(request, obj) if obj is not None else []

    # ---------------------------------------------------------------- audited reads
    def person_id_of(self, obj) -> int | None:
        path = person_path(self.model)
        if path is None:
            return None
        if path == "pk":
            return obj.pk
        return self.model._default_manager.filter(pk=obj.pk).values_list(path, flat=True).first()

    def log_access(
        self, request, *, person_ids, action=AccessAction.VIEW, purpose=None, details=""
    ):
        access_log_write(
            request=request,
            person_ids=person_ids,
            action=action,
            purpose=purpose or self.audit_purpose,
            details=details,
        )

    def log_export(self, request, queryset, *, purpose) -> None:
        """An export of case rows is a read of every young person in them."""
        path = person_path(self.model)
        person_ids = (
            sorted({pid for pid in queryset.values_list(path, flat=True) if pid is not None})
            if path
            else []
        )
        self.log_access(
            request,
            person_ids=person_ids or [None],
            action=AccessAction.EXPORT,
            purpose=purpose,
            details=f"{self.model._meta.verbose_name_plural} ({queryset.count()})",
        )

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        self.log_search(request, results, search_term)
        return results, may_have_duplicates

    def log_search(self, request, results, search_term: str) -> None:
        """A search of case data is a read of the young people it finds (up to 200)."""
        if not search_term:
            return
        path = person_path(self.model)
        found = list(results.values_list(path, flat=True)[:200]) if path else []
        self.log_access(
            request,
            person_ids=sorted({pid for pid in found if pid is not None}) or [None],
            action=AccessAction.SEARCH,
            purpose=_("Søgning i administrationen"),
            details=f"{self.model._meta.verbose_name_plural}: {search_term[:100]}",
        )

    def case_page_url(self, obj, person_id: int | None) -> str | None:
        """Where the change is made (shown on the change view), or ``None``."""
        if self.case_page and person_id is not None:
            from django.urls import reverse

            return reverse(self.case_page, args=[person_id])
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Opening a row of case data is a read: one access-log row (about the young person, or
        about no one when the row is not about one young person, e.g. a meeting)."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        extra_context = dict(extra_context or {})
        if obj is not None and request.method == "GET":
            person_id = self.person_id_of(obj)
            self.log_access(
                request,
                person_ids=[person_id],
                details=f"{self.model._meta.verbose_name} {obj.pk}",
            )
            extra_context["case_page_url"] = self.case_page_url(obj, person_id)
        return super().change_view(request, object_id, form_url, extra_context)


class CaseDataInline(admin.TabularInline):
    """An inline of case data under a :class:`CaseDataAdmin`: shown, never edited."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
