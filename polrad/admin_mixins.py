"""Shared pieces of the admin."""


class ReadOnlyAdminMixin:
    """A record nobody adds, changes or deletes in the admin: it is only looked at.

    For a model admin and an inline alike (an inline's add permission is asked with the parent).
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
