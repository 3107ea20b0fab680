"""The permission names, once: views, selectors, services, the navigation and tests use these.

The permissions themselves are declared on the user model (`accounts.User.Meta.permissions`)
and granted per role in `polrad/accounts/roles.py`. Templates ask Django's `perms` the same
names (`perms.accounts.manage_trainings`).
"""

INVITE_USERS = "accounts.invite_users"
VIEW_USER = "accounts.view_user"
CHANGE_USER = "accounts.change_user"
VIEW_AUDIT_EVENT = "accounts.view_auditevent"

VIEW_SOCIAL_MAP = "accounts.view_social_map"
MANAGE_SOCIAL_MAP = "accounts.manage_social_map"

MANAGE_ROLE_MODELS = "accounts.manage_role_models"
NOMINATE_ROLE_MODELS = "accounts.nominate_role_models"
LOG_ACTIVITIES = "accounts.log_activities"

MANAGE_TRAININGS = "accounts.manage_trainings"
ENROL_IN_TRAININGS = "accounts.enrol_in_trainings"

SUBMIT_CONCERNS = "accounts.submit_concerns"
HANDLE_CONCERNS = "accounts.handle_concerns"

VIEW_MUNICIPAL_REPORTS = "accounts.view_municipal_reports"
VIEW_NETWORK_DASHBOARD = "accounts.view_network_dashboard"
