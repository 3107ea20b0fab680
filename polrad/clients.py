"""Who is asking: the client's own address behind the trusted proxies, and rate limits."""

from ipaddress import ip_address

from django.conf import settings
from django.core.cache import cache


def _forwarded_for_key() -> str:
    return "HTTP_" + settings.FORWARDED_FOR_HEADER.upper().replace("-", "_")


def _valid(address: str) -> str | None:
    try:
        return str(ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client, as the first of our trusted proxies saw it.

    Each of TRUSTED_PROXY_COUNT proxies appends the address it received the request from to
    the forwarded-for header, so the client is that many entries from the right. Anything to
    the left of it was written by the client itself and is never trusted. Without trusted
    proxies, or when the header lacks the entries our proxies add, the connection's own
    address counts. Used by the login lockout (AXES_CLIENT_IP_CALLABLE), the audit log and
    every rate limit.
    """
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop for hop in request.META.get(_forwarded_for_key(), "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    return _valid(hops[-count]) or remote


def over_rate_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one more attempt under `key`; True once more than `limit` fall in the window."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return False


def client_over_rate_limit(request, scope: str, *, limit: int, window: int) -> bool:
    """`over_rate_limit` per client address (behind the trusted proxies)."""
    return over_rate_limit(f"{scope}:{client_ip(request) or 'unknown'}", limit=limit, window=window)
