"""URL matrix entries for the platform: home, login/logout, health, the inbox and the choices
for how messages reach a user."""

from __future__ import annotations

from stu_case.notifications.models import Notification
from tests.url_matrix import Cast, Entry, everyone_but

EVERYONE = everyone_but()


def uu_notification(cast: Cast) -> dict:
    """A notification for ``uu_user``: nobody else may mark it read, or learn it exists."""
    note = Notification.objects.create(
        recipient=cast.uu_user, title="Nyt flag: stigende fravær", url=""
    )
    return {"pk": note.pk}


ENTRIES = [
    Entry("home", allowed=EVERYONE, allowed_status=(302,)),
    Entry("health", allowed=EVERYONE, anonymous=(200,)),
    # Logged-in users are sent on from the login page (redirect_authenticated_user).
    Entry("login", allowed=EVERYONE, allowed_status=(302,), anonymous=(200,)),
    Entry("logout", allowed=EVERYONE, method="post", allowed_status=(302,)),
    Entry("notifications:inbox", allowed=EVERYONE),
    # Everyone chooses how their own messages reach them; an empty form shows its errors.
    Entry("notifications:preferences", allowed=EVERYONE),
    Entry("notifications:preferences", method="post", allowed=EVERYONE),
    Entry(
        "notifications:mark_read",
        kwargs=uu_notification,
        method="post",
        allowed=("uu_user",),
        allowed_status=(302,),
        denied=everyone_but("uu_user"),
        not_found=everyone_but("uu_user"),
    ),
]
