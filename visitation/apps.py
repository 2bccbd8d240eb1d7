from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitationConfig(AppConfig):
    name = "visitation"
    verbose_name = _("Visitation")

    def ready(self):
        from . import (
            hooks,
            letters,  # noqa: F401 - declares visitation's letter kinds
        )

        hooks.register()
