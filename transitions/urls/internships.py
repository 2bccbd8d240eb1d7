"""URLs: internships (issue 4). Included by transitions/urls/__init__.py."""

urlpatterns: list = []
