from django.contrib.auth.mixins import PermissionRequiredMixin

from polrad.permissions import VIEW_SOCIAL_MAP


class SocialMapMemberMixin(PermissionRequiredMixin):
    """Members of the network (every role) see the map; anonymous visitors log in first."""

    permission_required = VIEW_SOCIAL_MAP
