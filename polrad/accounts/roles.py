"""The roles of the product and what each may do: the whole mapping on one screen.

Each role is a Django group of the same name, kept in sync with this table after every
migrate (see AccountsConfig.ready). A user may hold several roles.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from polrad.permissions import (
    CHANGE_USER,
    ENROL_IN_TRAININGS,
    HANDLE_CONCERNS,
    INVITE_USERS,
    LOG_ACTIVITIES,
    MANAGE_ROLE_MODELS,
    MANAGE_SOCIAL_MAP,
    MANAGE_TRAININGS,
    NOMINATE_ROLE_MODELS,
    SUBMIT_CONCERNS,
    VIEW_AUDIT_EVENT,
    VIEW_MUNICIPAL_REPORTS,
    VIEW_NETWORK_DASHBOARD,
    VIEW_SOCIAL_MAP,
    VIEW_USER,
)


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Network coordinator")
    HANDLER = "handler", _("Concern handler")
    ROLE_MODEL = "rolemodel", _("Role model")
    PROFESSIONAL = "professional", _("Professional")
    MUNICIPAL = "municipal", _("Municipal staff")
    ADMINISTRATOR = "administrator", _("Administrator")


# Every role is a member of the network and sees the social map; an account without a role
# (e.g. whose roles were all withdrawn) sees nothing of it.
NETWORK_MEMBER = [VIEW_SOCIAL_MAP]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        *NETWORK_MEMBER,
        INVITE_USERS,
        MANAGE_SOCIAL_MAP,
        MANAGE_ROLE_MODELS,
        NOMINATE_ROLE_MODELS,
        MANAGE_TRAININGS,
        ENROL_IN_TRAININGS,
        SUBMIT_CONCERNS,
        VIEW_MUNICIPAL_REPORTS,
        VIEW_NETWORK_DASHBOARD,
        VIEW_USER,
    ],
    Role.HANDLER: [
        *NETWORK_MEMBER,
        SUBMIT_CONCERNS,
        HANDLE_CONCERNS,
    ],
    Role.ROLE_MODEL: [
        *NETWORK_MEMBER,
        LOG_ACTIVITIES,
        ENROL_IN_TRAININGS,
        # What worried them at an activity: they see their own reports, nobody else's.
        SUBMIT_CONCERNS,
    ],
    Role.PROFESSIONAL: [
        *NETWORK_MEMBER,
        NOMINATE_ROLE_MODELS,
        SUBMIT_CONCERNS,
        ENROL_IN_TRAININGS,
    ],
    Role.MUNICIPAL: [
        *NETWORK_MEMBER,
        VIEW_MUNICIPAL_REPORTS,
    ],
    Role.ADMINISTRATOR: [
        *NETWORK_MEMBER,
        INVITE_USERS,
        VIEW_USER,
        CHANGE_USER,
        VIEW_AUDIT_EVENT,
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

# Roles that keep in touch with the key figures, volunteers and experience experts of the map
# and record their contact moments: the coordinators, and the network's professionals and
# concern handlers, who also record what they hear from them (DESIGN: eyes and ears). Role
# models and mentors see a person only through consent; municipal staff see aggregates.
RECORDS_CONTACT_MOMENTS = frozenset({Role.COORDINATOR, Role.PROFESSIONAL, Role.HANDLER})

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
