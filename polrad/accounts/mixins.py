from django.contrib.auth.mixins import PermissionRequiredMixin


class AnyPermissionRequiredMixin(PermissionRequiredMixin):
    """Like PermissionRequiredMixin, but one of the listed permissions is enough."""

    def has_permission(self):
        user = self.request.user
        return any(user.has_perm(perm) for perm in self.get_permission_required())
