"""The main navigation: each role sees only what it may use."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from polrad.permissions import (
    CHANGE_USER,
    HANDLE_CONCERNS,
    LOG_ACTIVITIES,
    MANAGE_ROLE_MODELS,
    SUBMIT_CONCERNS,
    VIEW_MUNICIPAL_REPORTS,
    VIEW_SOCIAL_MAP,
    VIEW_USER,
)


@dataclass(frozen=True)
class NavItem:
    label: Promise
    url_name: str
    # The user needs one of these permissions; empty means every logged-in user.
    permissions: tuple[str, ...] = ()

    def visible_to(self, user) -> bool:
        return not self.permissions or any(user.has_perm(p) for p in self.permissions)


NAVIGATION = [
    NavItem(_("Dashboard"), "dashboard"),
    NavItem(_("Social map"), "network:index", (VIEW_SOCIAL_MAP,)),
    NavItem(_("Interventions"), "interventions:list", (VIEW_SOCIAL_MAP,)),
    NavItem(
        _("Role models"),
        "rolemodels:index",
        (MANAGE_ROLE_MODELS, LOG_ACTIVITIES),
    ),
    NavItem(_("Trainings"), "trainings:index", (VIEW_SOCIAL_MAP,)),
    NavItem(_("Concerns"), "signals:index", (SUBMIT_CONCERNS, HANDLE_CONCERNS)),
    NavItem(_("Analyses"), "analysis:list", (VIEW_MUNICIPAL_REPORTS,)),
    NavItem(_("Reports"), "reports:index", (VIEW_MUNICIPAL_REPORTS,)),
    NavItem(_("Users"), "accounts:user-list", (VIEW_USER,)),
    NavItem(_("Administration"), "admin:index", (CHANGE_USER,)),
]


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not user.is_verified() and user.requires_two_factor:
        return []  # a password-only session reaches only the 2FA pages
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for item in NAVIGATION:
        if item.visible_to(user):
            items.append(
                {
                    "label": item.label,
                    "url": reverse(item.url_name),
                    "active": _is_current(item.url_name, current),
                }
            )
    return items


def _is_current(url_name: str, current: str) -> bool:
    """The item of the current page, or of the section it belongs to: its URL namespace, or
    names that extend its own ("x-detail" belongs to "x")."""
    if url_name == current or current.startswith(f"{url_name}-"):
        return True
    namespace, _sep, _name = url_name.rpartition(":")
    return bool(namespace) and namespace != "accounts" and current.startswith(f"{namespace}:")
