from django.shortcuts import redirect

from stu_case import permissions


def home(request):
    """Municipal staff start at the young people they may see; institution staff at the
    absence portal (their currently enrolled students)."""
    user = request.user
    if permissions.is_institution_staff_only(user):
        return redirect("portal:home")
    return redirect("students:list")
