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


def test_each_request_reads_its_own_users_current_state_in_one_query(db, django_assert_num_queries):
    """The query is compiled once per process; each request still reads its user afresh."""
    backend = RolePermissionBackend()
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    handler = UserFactory(roles=[Role.HANDLER])
    with django_assert_num_queries(1):
        first = backend.get_user(str(coordinator.pk))  # the session keeps the id as text
    second = backend.get_user(handler.pk)
    assert (first.pk, first.roles) == (coordinator.pk, {Role.COORDINATOR})
    assert (second.pk, second.roles) == (handler.pk, {Role.HANDLER})
    assert first.has_perm(MANAGE_TRAININGS) and not second.has_perm(MANAGE_TRAININGS)
    # A role taken away counts from the next request on.
    coordinator.groups.clear()
    again = backend.get_user(coordinator.pk)
    assert again.roles == frozenset() and not again.has_perm(MANAGE_TRAININGS)


def test_an_unknown_deleted_inactive_or_malformed_id_has_no_user(db):
    backend = RolePermissionBackend()
    gone = UserFactory()
    gone_pk = gone.pk
    gone.delete()
    assert backend.get_user(gone_pk) is None
    assert backend.get_user("1 OR 1=1") is None
    assert backend.get_user(None) is None
    assert backend.get_user(UserFactory(is_active=False).pk) is None
