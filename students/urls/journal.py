"""``students:*`` URLs of the journal area (under /unge/<id>/), added to ``students.urls``."""

from django.urls import path

from students.views import journal

urlpatterns = [
    path("<int:pk>/journal/nyt/", journal.journal_create, name="journal_create"),
    path("<int:pk>/journal/<int:note_id>/ret/", journal.journal_edit, name="journal_edit"),
    path(
        "<int:pk>/journal/<int:note_id>/rettelse/",
        journal.journal_correct,
        name="journal_correct",
    ),
]
