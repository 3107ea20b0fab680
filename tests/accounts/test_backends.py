"""Permissions of a role come with one query per request, and stay exactly Django's."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from polrad.accounts.backends import RolePermissionBackend
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.permissions import HANDLE_CONCERNS, MANAGE_TRAININGS
from tests.factories import UserFactory


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_a_role_holders_permissions_are_read_in_one_query(db, django_assert_num_queries):
    user = fresh(UserFactory(roles=[Role.COORDINATOR, Role.HANDLER]))
    with django_assert_num_queries(1):
        assert user.has_perm(MANAGE_TRAININGS) is True
        assert user.has_perm(HANDLE_CONCERNS) is True
        assert user.has_perm("accounts.no_such_permission") is False


def test_the_permissions_are_those_of_djangos_model_backend(db):
    user = UserFactory(roles=[Role.MUNICIPAL, Role.PROFESSIONAL])
    own = Permission.objects.exclude(group__user=user).first()
    user.user_permissions.add(own)
    expected = ModelBackend().get_all_permissions(fresh(user))
    assert RolePermissionBackend().get_all_permissions(fresh(user)) == expected
    assert f"{own.content_type.app_label}.{own.codename}" in expected


def test_an_inactive_user_or_a_user_without_role_has_no_permissions(db):
    inactive = fresh(UserFactory(roles=[Role.COORDINATOR], is_active=False))
    assert RolePermissionBackend().get_all_permissions(inactive) == set()
    assert RolePermissionBackend().get_all_permissions(fresh(UserFactory())) == set()
