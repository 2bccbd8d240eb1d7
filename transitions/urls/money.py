"""The money area's URLs: the year's STU budget."""

from django.urls import path

from transitions.views import money as views

urlpatterns = [
    path("budget/<int:year>/", views.budget_edit, name="budget_edit"),
]
