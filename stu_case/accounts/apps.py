from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "stu_case.accounts"
    label = "accounts"
    verbose_name = _("Brugere og kommuner")

    def ready(self):
        from stu_case import deploy_secrets

        # The secrets that sign sessions and protect the CPR data are the platform's, checked
        # here with the users they protect: `check --deploy` refuses public or short ones.
        checks.register(deploy_secrets.check_secrets, checks.Tags.security, deploy=True)
