"""The app's own settings, plus the bare reference view at ``/bench/bare/`` (bench only)."""

from stu_case.settings import *  # noqa: F403

ROOT_URLCONF = "stu_case.site.bench.urls"
