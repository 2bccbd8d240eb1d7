"""Language helpers shared by the apps."""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils import translation


def in_site_language(func):
    """Flag texts, resolutions and notifications are stored data: write them in the site
    language (Danish) even when a job runs inside an English reader's request."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper
