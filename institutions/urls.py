from django.urls import path

from . import views

app_name = "institutions"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.institution_detail, name="detail"),
]
