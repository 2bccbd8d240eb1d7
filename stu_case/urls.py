from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from . import views
from .accounts.login_throttle import ThrottledAuthenticationForm
from .health import health

admin.site.site_header = _("STU Case – administration")
admin.site.site_title = _("STU Case")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health, name="health"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=ThrottledAuthenticationForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("unge/", include("students.urls")),
    path("katalog/", include("institutions.urls")),
    path("portal/", include("students.urls.portal")),
    path("visitation/", include("visitation.urls")),
    path("overgange/", include("transitions.urls")),
    path("indbakke/", include("stu_case.notifications.urls")),
    path("admin/", admin.site.urls),
]
