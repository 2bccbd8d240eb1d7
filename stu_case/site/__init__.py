"""The composition app: the one place that may know every app.

Apps import one way (``visitation``, ``transitions`` -> ``students`` -> ``institutions`` ->
the platform in ``stu_case``; see ``[tool.importlinter]`` in pyproject.toml). Code that puts
all of them together lives here, above every app, and nothing imports it:

- ``demo/``: the demo municipality, one builder module per app, built through the apps'
  services (no test package, no factory-boy, no Faker: ``seed_demo`` runs in the Docker image);
- ``management/commands/``: ``seed_demo`` and ``serve_dev`` (the development server behind
  ``make run``).

The root URLconf (``stu_case/urls.py``) is the other composition module; it names the apps'
URLconfs as strings.
"""
