"""The role groups. Created by a data migration; a user's role is their group membership."""

from django.utils.translation import gettext_lazy as _

UU = "uu"
JOBCENTER = "jobcenter"
FORVALTNING = "forvaltning"
VISITATION = "visitation"
INSTITUTION = "institution"
LEDER = "leder"

ROLE_LABELS = {
    UU: _("UU/KUI-vejleder"),
    JOBCENTER: _("Jobcenter"),
    FORVALTNING: _("Forvaltning (social/handicap)"),
    VISITATION: _("Visitationsudvalg"),
    INSTITUTION: _("STU-institution"),
    LEDER: _("Leder"),
}
ALL_ROLES = tuple(ROLE_LABELS)
# Roles that work for the municipality (and so belong to its team).
MUNICIPAL_ROLES = (UU, JOBCENTER, FORVALTNING, VISITATION, LEDER)
