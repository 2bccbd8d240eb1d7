from django.shortcuts import redirect

from stu_case import permissions
from stu_case.accounts import roles


def home(request):
    """Municipal staff start at the young people they may see, managers (leder) at the
    statistics page (the pipeline, outcomes, absence and money); institution staff at the
    absence portal (their currently enrolled students)."""
    user = request.user
    if permissions.is_institution_staff_only(user):
        return redirect("portal:home")
    if permissions.has_role(user, *roles.STATISTICS_HOME_ROLES):
        return redirect("students:statistics")
    return redirect("students:list")
