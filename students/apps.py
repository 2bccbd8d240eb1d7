from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = _("Unge og uddannelsesplaner")

    def ready(self):
        from . import (
            flags,  # noqa: F401 - declares students' flag kinds
            hooks,
            letters,  # noqa: F401 - declares students' letter kinds
        )

        hooks.register()
