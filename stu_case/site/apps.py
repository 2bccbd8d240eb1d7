from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Composition: the demo and the development tooling (see the package docstring)."""

    name = "stu_case.site"
    label = "site"
