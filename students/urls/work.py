"""``work:*`` URLs under /mit-arbejde/: my work, substitutes and the calendar subscription."""

from django.urls import path

from students.views import work

app_name = "work"

urlpatterns = [
    path("", work.home, name="home"),
    path("stedfortraeder/", work.substitutes, name="substitutes"),
    path("stedfortraeder/<int:pk>/afmeld/", work.substitute_cancel, name="substitute_cancel"),
    path("kalender/", work.calendar, name="calendar"),
    path("kalender/<str:token>.ics", work.calendar_feed, name="calendar_feed"),
]
