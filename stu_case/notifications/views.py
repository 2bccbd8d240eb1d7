from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Notification
from .selectors import inbox_for
from .services import notification_mark_read


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
