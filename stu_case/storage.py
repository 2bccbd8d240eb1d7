"""Private file storage: files that hold case data (letters as sent) and are never served.

The files live under ``settings.STU_PRIVATE_STORAGE_ROOT`` (``var/private`` by default), outside
``MEDIA_ROOT`` and the static roots, and the storage has no URL: a file is read only by a view
that checks the permission and writes the access log, and is sent as the response body.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage rooted in ``STU_PRIVATE_STORAGE_ROOT/<subdir>``, read on each use
    (so a test may point the setting elsewhere), without URLs."""

    def __init__(self, subdir: str):
        self.subdir = subdir
        super().__init__(base_url=None)

    def deconstruct(self):
        return ("stu_case.storage.PrivateStorage", (self.subdir,), {})

    @property
    def base_location(self):
        return str(settings.STU_PRIVATE_STORAGE_ROOT) + "/" + self.subdir

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; a view serves them after a permission check.")


def letters_storage() -> PrivateStorage:
    """Where rendered letters (PDF) are kept."""
    return PrivateStorage("letters")
