from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "stu_case.accounts"
    label = "accounts"
    verbose_name = _("Brugere og kommuner")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from stu_case import deploy_secrets, middleware
        from stu_case.accounts import auth_events

        # Every login (the form, the admin's, a test client's) starts the absolute session limit.
        user_logged_in.connect(middleware.record_login_time, dispatch_uid="stu_logged_in_at")
        # Authentication events go to the security log, without credentials.
        user_logged_in.connect(auth_events.logged_in, dispatch_uid="stu_auth_login")
        user_logged_out.connect(auth_events.logged_out, dispatch_uid="stu_auth_logout")
        user_login_failed.connect(auth_events.login_failed, dispatch_uid="stu_auth_failed")
        user_locked_out.connect(auth_events.locked_out, dispatch_uid="stu_auth_lockout")

        # The secrets that sign sessions and protect the CPR data are the platform's, checked
        # here with the users they protect: `check --deploy` refuses public or short ones.
        checks.register(deploy_secrets.check_secrets, checks.Tags.security, deploy=True)
