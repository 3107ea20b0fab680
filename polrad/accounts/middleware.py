import time
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from polrad.accounts.audit import audit_record
from polrad.accounts.models import AuditEvent

SESSION_STARTED = "polrad_session_started"
SESSION_LAST_SEEN = "polrad_session_last_seen"
# Write the last-seen time at most this often, not on every request.
LAST_SEEN_RESOLUTION = 60


def session_mark_login(request) -> None:
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_LAST_SEEN] = now


class SessionTimeoutMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT of inactivity or SESSION_ABSOLUTE_TIMEOUT."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED, now)
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            if (
                now - last_seen > settings.SESSION_IDLE_TIMEOUT
                or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                user = request.user
                logout(request)
                audit_record(
                    request=request, kind=AuditEvent.Kind.SESSION_EXPIRED, success=True, actor=user
                )
                messages.info(request, _("Your session has expired. Please log in again."))
                return redirect(
                    f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.path})}"
                )
            if SESSION_STARTED not in request.session:
                request.session[SESSION_STARTED] = now
            if now - last_seen >= LAST_SEEN_RESOLUTION or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware without its query per request for the verified device.

    The session keeps the persistent id of the device that verified it (django-otp's login);
    the user's confirmed devices come with the user in one query (RolePermissionBackend), so
    a removed or unconfirmed device ends the verified state on the next request, and a
    deactivated user has no session at all. The device itself is read only when used.
    """

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if not user.is_authenticated:
            return user
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if not persistent_id:
            return user
        confirmed = getattr(user, "confirmed_device_ids", None)
        if confirmed is None:  # loaded by another backend: ask django-otp as before
            return super()._verify_user_sync(request, user)
        if self._normalize_persistent_id(persistent_id) in confirmed:
            user.otp_device = SimpleLazyObject(
                partial(Device.from_persistent_id, self._normalize_persistent_id(persistent_id))
            )
        else:
            del request.session[DEVICE_ID_SESSION_KEY]
        return user


def has_confirmed_device(user) -> bool:
    """Whether the user has a confirmed second factor: from the devices read with the user
    (RolePermissionBackend), not two queries on every request of a user without 2FA."""
    confirmed = getattr(user, "confirmed_device_ids", None)
    if confirmed is None:  # loaded by another backend
        return user_has_device(user, confirmed=True)
    return bool(confirmed)


# Pages a password-only session may reach: two-factor set-up and verification, and leaving.
TWO_FACTOR_EXEMPT_VIEWS = {
    "accounts:two-factor-setup",
    "accounts:two-factor-verify",
    "accounts:logout",
    "set_language",
    "health",
    "accessibility",
}


class TwoFactorRequiredMiddleware:
    """A session that passed only the password reaches nothing but 2FA set-up and verify.

    Users whose role requires two-factor authentication must set it up; users who set it
    up voluntarily must use it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in TWO_FACTOR_EXEMPT_VIEWS:
            return None
        query = urlencode({"next": request.get_full_path()})
        if has_confirmed_device(user):
            return redirect(f"{reverse('accounts:two-factor-verify')}?{query}")
        if user.requires_two_factor:
            return redirect(f"{reverse('accounts:two-factor-setup')}?{query}")
        return None
