from django.shortcuts import redirect

from stu_case import permissions
from stu_case.accounts import roles


def home(request):
    """Caseworkers start at "my work" (what is due for them), managers (leder) at the
    statistics page (the pipeline, outcomes, absence and money), other municipal staff at the
    young people they may see; institution staff at the absence portal (their currently
    enrolled students)."""
    user = request.user
    if permissions.is_institution_staff_only(user):
        return redirect("portal:home")
    if permissions.has_role(user, *roles.STATISTICS_HOME_ROLES):
        return redirect("students:statistics")
    if permissions.in_municipal_team(user) and permissions.has_role(
        user, *roles.MY_WORK_HOME_ROLES
    ):
        return redirect("work:home")
    return redirect("students:list")
