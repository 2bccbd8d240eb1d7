"""The client's IP address: one answer for the login throttle (django-axes), the per-address
login limit and the access log.

Behind a TLS proxy every connection comes from the proxy, so the client's address must be read
from ``X-Forwarded-For``, but only as far as the proxies we run wrote it: a client can put any
address in that header itself. ``STU_TRUSTED_PROXIES`` lists our proxies' networks (empty by
default: the header is then ignored). The header is read only when the connection comes from one
of them, from the right (the entry our outermost proxy added), skipping our own proxies; the
first address that is not ours is the client. An unparsable entry stops the walk there: what lies
to its left was written by the client and is not trusted.

(django-ipware, which axes can use, trusts the header without checking that the connection came
from a trusted proxy, so the small walk below is ours.)
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(n, strict=False) for n in spec)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in net for net in networks)


def client_ip(request) -> str | None:
    """The address of the client that made ``request`` (``None`` without one)."""
    remote = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return None
    networks = _networks(tuple(settings.STU_TRUSTED_PROXIES))
    if not _trusted(remote, networks):
        return str(remote)
    client = remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(entry)
        if address is None:
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
