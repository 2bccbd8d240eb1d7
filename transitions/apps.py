from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitionsConfig(AppConfig):
    name = "transitions"
    verbose_name = _("Overgange og statusmøder")

    def ready(self):
        from . import (
            flags,  # noqa: F401 - declares transitions' flag kinds
            hooks,
            letters,  # noqa: F401 - declares transitions' letter kinds
        )

        hooks.register()
