"""``students:*`` URLs under /unge/ (staff case pages); the institution portal's ``portal:*``
URLs are in ``portal``, my work's ``work:*`` in ``work``."""

from django.urls import path

from students.urls import documents as document_urls
from students.urls import journal as journal_urls
from students.views import caseload, flags, letters, people, plans, statistics

app_name = "students"

urlpatterns = [
    path("", people.caseload, name="list"),
    path("cpr-opslag/", people.cpr_lookup, name="cpr_lookup"),
    path("statistik/", statistics.statistics, name="statistics"),
    path("ny/", people.person_create, name="create"),
    path("overdragelse/", caseload.handover, name="handover"),
    path("<int:pk>/", people.person_detail, name="detail"),
    path("<int:pk>/rediger/", people.person_edit, name="edit"),
    path("<int:pk>/historik/", people.person_history, name="history"),
    path("<int:pk>/flyt/", people.person_transfer, name="transfer"),
    path("<int:pk>/cpr/", people.reveal_cpr, name="reveal_cpr"),
    path("<int:pk>/plan/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/udskriv/", plans.plan_print, name="plan_print"),
    path("<int:pk>/plan/revision/<int:number>/", plans.plan_revision, name="plan_revision"),
    path("<int:pk>/maal/nyt/", plans.goal_edit, name="goal_create"),
    path("<int:pk>/maal/<int:goal_id>/", plans.goal_edit, name="goal_edit"),
    path("<int:pk>/maal/<int:goal_id>/notat/", plans.goal_note, name="goal_note"),
    path("<int:pk>/paaroerende/ny/", people.relative_edit, name="relative_create"),
    path("<int:pk>/paaroerende/<int:relative_id>/", people.relative_edit, name="relative_edit"),
    path(
        "<int:pk>/paaroerende/<int:relative_id>/slet/",
        people.relative_delete,
        name="relative_delete",
    ),
    path("<int:pk>/samtykke/", people.consent_edit, name="consent"),
    path("<int:pk>/mentor/ny/", people.mentor_add, name="mentor_create"),
    path("<int:pk>/flag/<int:flag_id>/kvitter/", flags.flag_acknowledge, name="flag_acknowledge"),
    path("<int:pk>/breve/<int:letter_id>/", letters.letter_detail, name="letter"),
    path("<int:pk>/breve/<int:letter_id>/brev.pdf", letters.letter_pdf, name="letter_pdf"),
    path(
        "<int:pk>/breve/<int:letter_id>/let.pdf",
        letters.letter_pdf,
        {"variant": "let"},
        name="letter_easy_pdf",
    ),
    path("<int:pk>/breve/<int:letter_id>/svar/", letters.hearing_answer, name="hearing_answer"),
    path("<int:pk>/breve/<int:letter_id>/send-igen/", letters.letter_resend, name="letter_resend"),
    path("<int:pk>/breve/<int:letter_id>/papir/", letters.letter_paper, name="letter_paper"),
    path("<int:pk>/plan/send/", letters.plan_letter_send, name="plan_letter_send"),
]
urlpatterns += journal_urls.urlpatterns + document_urls.urlpatterns
