from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "stu_case.accounts"
    label = "accounts"
    verbose_name = _("Brugere og kommuner")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from stu_case import deploy_secrets, middleware

        # Every login (the form, the admin's, a test client's) starts the absolute session limit.
        user_logged_in.connect(middleware.record_login_time, dispatch_uid="stu_logged_in_at")

        # The secrets that sign sessions and protect the CPR data are the platform's, checked
        # here with the users they protect: `check --deploy` refuses public or short ones.
        checks.register(deploy_secrets.check_secrets, checks.Tags.security, deploy=True)
