from django.contrib.auth.mixins import PermissionRequiredMixin

VIEW_MAP = "accounts.view_social_map"


class SocialMapMemberMixin(PermissionRequiredMixin):
    """Members of the network (every role) see the map; anonymous visitors log in first."""

    permission_required = VIEW_MAP
