from django.urls import path

from . import views

app_name = "students"

urlpatterns = [
    path("", views.caseload, name="list"),
    path("ny/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/rediger/", views.person_edit, name="edit"),
    path("<int:pk>/historik/", views.person_history, name="history"),
    path("<int:pk>/cpr/", views.reveal_cpr, name="reveal_cpr"),
    path("<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/udskriv/", views.plan_print, name="plan_print"),
    path("<int:pk>/plan/revision/<int:number>/", views.plan_revision, name="plan_revision"),
    path("<int:pk>/maal/nyt/", views.goal_edit, name="goal_create"),
    path("<int:pk>/maal/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path("<int:pk>/maal/<int:goal_id>/notat/", views.goal_note, name="goal_note"),
    path("<int:pk>/paaroerende/ny/", views.relative_edit, name="relative_create"),
    path("<int:pk>/paaroerende/<int:relative_id>/", views.relative_edit, name="relative_edit"),
    path(
        "<int:pk>/paaroerende/<int:relative_id>/slet/",
        views.relative_delete,
        name="relative_delete",
    ),
    path("<int:pk>/samtykke/", views.consent_edit, name="consent"),
    path("<int:pk>/mentor/ny/", views.mentor_add, name="mentor_create"),
    path("<int:pk>/flag/<int:flag_id>/kvitter/", views.flag_acknowledge, name="flag_acknowledge"),
]
