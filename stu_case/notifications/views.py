from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import PreferencesForm
from .models import Notification
from .selectors import inbox_for, preferences_of
from .services import notification_mark_read, notification_preferences_save


def inbox(request):
    page = Paginator(inbox_for(user=request.user), 25).get_page(request.GET.get("side"))
    return render(request, "notifications/inbox.html", {"page": page})


@require_POST
def mark_read(request, pk):
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification_mark_read(notification=note)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}):
        return redirect(note.url)
    return redirect("notifications:inbox")


@require_http_methods(["GET", "POST"])
def preferences(request):
    """Each user chooses, per kind of message, e-mail at once, a daily e-mail or inbox only."""
    form = PreferencesForm(request.POST or None, current=preferences_of(user=request.user))
    if request.method == "POST" and form.is_valid():
        notification_preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Dine valg for beskeder er gemt."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
