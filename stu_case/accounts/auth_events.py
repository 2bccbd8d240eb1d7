"""Authentication events in the security log (logger ``stu_case.auth``): every login, failed
login, logout and lockout, with the account, the client's address and the request id, and never
a password or other credential.

Failed logins are also counted by django-axes in the database; this log is what a municipality's
security monitoring (SIEM) collects from the application's output.
"""

from __future__ import annotations

import logging

from stu_case.client_ip import client_ip
from stu_case.middleware import current_request_id

logger = logging.getLogger("stu_case.auth")

# The only credential fields whose value is written: the account name. Anything else Django
# passes in ``credentials`` (the password, a token) is left out by construction.
_ACCOUNT_FIELDS = ("username",)


def _where(request) -> dict:
    return {
        "ip": client_ip(request) if request is not None else None,
        "request_id": current_request_id() or "",
    }


def logged_in(sender, request, user, **kwargs) -> None:
    logger.info(
        "login", extra={"event": "login", "account": user.get_username(), **_where(request)}
    )


def logged_out(sender, request, user, **kwargs) -> None:
    account = user.get_username() if user is not None else ""
    logger.info("logout", extra={"event": "logout", "account": account, **_where(request)})


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    account = next((str(credentials[f])[:150] for f in _ACCOUNT_FIELDS if f in credentials), "")
    logger.warning(
        "login failed", extra={"event": "login_failed", "account": account, **_where(request)}
    )


def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    logger.warning(
        "login locked out",
        extra={"event": "lockout", "account": (username or "")[:150], **_where(request)},
    )
