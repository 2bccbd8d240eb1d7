from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/laest/", views.mark_read, name="mark_read"),
    path("indstillinger/", views.preferences, name="preferences"),
]
