"""The permission names of polrad/permissions.py are the ones Django knows and the roles grant."""

from django.contrib.auth.models import Permission

from polrad import permissions
from polrad.accounts.roles import ROLE_PERMISSIONS

NAMES = {value for name, value in vars(permissions).items() if name.isupper()}


def test_every_permission_name_exists(db):
    known = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert len(NAMES) == 15
    assert not NAMES - known, NAMES - known


def test_every_permission_name_is_granted_to_a_role():
    granted = {name for names in ROLE_PERMISSIONS.values() for name in names}
    assert not NAMES - granted, NAMES - granted


def test_a_user_with_the_role_has_the_named_permission(handler, outsider):
    assert handler.has_perm(permissions.HANDLE_CONCERNS)
    assert not outsider.has_perm(permissions.HANDLE_CONCERNS)
