"""The roles of the product and what each may do: the whole mapping on one screen.

Each role is a Django group of the same name, kept in sync with this table after every
migrate (see AccountsConfig.ready). A user may hold several roles.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Network coordinator")
    HANDLER = "handler", _("Concern handler")
    ROLE_MODEL = "rolemodel", _("Role model")
    PROFESSIONAL = "professional", _("Professional")
    MUNICIPAL = "municipal", _("Municipal staff")
    ADMINISTRATOR = "administrator", _("Administrator")


# Every role is a member of the network and sees the social map; an account without a role
# (e.g. whose roles were all withdrawn) sees nothing of it.
NETWORK_MEMBER = ["accounts.view_social_map"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        *NETWORK_MEMBER,
        "accounts.invite_users",
        "accounts.manage_social_map",
        "accounts.manage_role_models",
        "accounts.nominate_role_models",
        "accounts.manage_trainings",
        "accounts.enrol_in_trainings",
        "accounts.submit_concerns",
        "accounts.view_municipal_reports",
        "accounts.view_network_dashboard",
        "accounts.view_user",
    ],
    Role.HANDLER: [
        *NETWORK_MEMBER,
        "accounts.submit_concerns",
        "accounts.handle_concerns",
    ],
    Role.ROLE_MODEL: [
        *NETWORK_MEMBER,
        "accounts.log_activities",
        "accounts.enrol_in_trainings",
        # What worried them at an activity: they see their own reports, nobody else's.
        "accounts.submit_concerns",
    ],
    Role.PROFESSIONAL: [
        *NETWORK_MEMBER,
        "accounts.nominate_role_models",
        "accounts.submit_concerns",
        "accounts.enrol_in_trainings",
    ],
    Role.MUNICIPAL: [
        *NETWORK_MEMBER,
        "accounts.view_municipal_reports",
    ],
    Role.ADMINISTRATOR: [
        *NETWORK_MEMBER,
        "accounts.invite_users",
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_auditevent",
        "auth.view_group",
        "network.view_municipality",
        "network.add_municipality",
        "network.change_municipality",
        *(
            f"network.{action}_{model}"
            for model in ("domain", "theme", "contribution", "language", "community")
            for action in ("view", "add", "change")
        ),
        "signals.view_category",
        "signals.add_category",
        "signals.change_category",
        "signals.view_accesslog",
        "signals.view_anonymisation",
        "trainings.view_certificate",
        "trainings.change_certificate",
        *(
            f"analysis.{action}_{model}"
            for model in (
                "checklistdefinition",
                "checklistitem",
                "preconditionlist",
                "precondition",
            )
            for action in ("view", "add", "change", "delete")
        ),
        "reports.view_storedreport",
    ],
}

# Roles that may read concern content or personal data of others: two-factor is required.
TWO_FACTOR_REQUIRED = frozenset(
    {Role.COORDINATOR, Role.HANDLER, Role.ADMINISTRATOR, Role.PROFESSIONAL}
)

# Roles whose scope is limited to the municipalities assigned to the user.
SCOPED_ROLES = frozenset({Role.HANDLER, Role.MUNICIPAL})

# Who may hand out which role in an invitation.
ASSIGNABLE_BY = {
    Role.COORDINATOR: [
        Role.COORDINATOR,
        Role.HANDLER,
        Role.ROLE_MODEL,
        Role.PROFESSIONAL,
        Role.MUNICIPAL,
    ],
    Role.ADMINISTRATOR: list(Role),
}
