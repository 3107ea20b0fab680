"""Authentication backend: the logged-in user, their roles, permissions, municipalities and
confirmed second-factor devices in one query per request."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Aggregate, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast, Concat
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from polrad.accounts.models import User

# Joins values that never contain it (role codes, permission names, ids).
SEPARATOR = ","
DEVICE_MODELS = {"totp": TOTPDevice, "static": StaticDevice}
# Stands for the user's id while the query is compiled (no user has a negative id).
_SOME_ID = -1_234_567_890


class JoinedText(Aggregate):
    """The values of a column joined into one text: GROUP_CONCAT or STRING_AGG."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(Cast(expression, TextField()), Value(SEPARATOR))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def _joined(queryset, expression) -> Subquery:
    """A correlated subquery: every row's `expression`, joined; NULL when there is none."""
    return Subquery(
        queryset.order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(joined=JoinedText(expression))
        .values("joined")[:1]
    )


def _split(joined: str | None) -> list[str]:
    return joined.split(SEPARATOR) if joined else []


def permissions_of(user) -> QuerySet[Permission]:
    """The user's own and their roles' permissions: `user` is a user or a reference to one.

    Two subqueries, not Django's OR over two joins, which on Postgres joins every user's
    groups (57,000 rows at national scale) before filtering.
    """
    own = User.user_permissions.through.objects.filter(user=user)
    of_roles = Group.permissions.through.objects.filter(group__user=user)
    return Permission.objects.filter(
        Q(pk__in=own.values("permission_id")) | Q(pk__in=of_roles.values("permission_id"))
    )


def users_with_request_state():
    """Users annotated with what every request asks about them, read in the same query."""
    user = OuterRef("pk")
    devices = {
        f"_otp_{name}": _joined(model.objects.filter(user=user, confirmed=True), "pk")
        for name, model in DEVICE_MODELS.items()
    }
    return User._default_manager.annotate(
        _role_names=_joined(Group.objects.filter(user=user), "name"),
        _permission_names=_joined(
            permissions_of(OuterRef(user)),  # one level deeper: inside `pk__in`
            Concat("content_type__app_label", Value("."), "codename", output_field=TextField()),
        ),
        _municipality_ids=_joined(
            User.municipalities.through.objects.filter(user=user), "municipality_id"
        ),
        **devices,
    )


def _unpack_request_state(user: User) -> None:
    """Fill the per-request caches of `user` from its annotations."""
    user.__dict__["roles"] = frozenset(_split(user._role_names))
    user.__dict__["municipality_ids"] = frozenset(int(pk) for pk in _split(user._municipality_ids))
    user.confirmed_device_ids = frozenset(
        f"{model.model_label()}/{pk}"
        for name, model in DEVICE_MODELS.items()
        for pk in _split(getattr(user, f"_otp_{name}"))
    )
    if not user.is_superuser:
        user._perm_cache = set(_split(user._permission_names))


_compiled: dict[tuple[str, str], tuple[str, tuple, int]] = {}


def user_with_request_state(user_id, using: str = DEFAULT_DB_ALIAS) -> User | None:
    """The user `users_with_request_state()` gives for this id, or None.

    Every logged-in request asks this once. Building and compiling the query took 11 of its
    13 ms at national scale, and the SQL is the same for every user, so it is compiled once
    per process and database (with a stand-in id) and only run afterwards."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    key = (using, connections[using].vendor)
    if key not in _compiled:
        query = users_with_request_state().filter(pk=_SOME_ID).query
        sql, params = query.get_compiler(using).as_sql()
        _compiled[key] = (sql, tuple(params), list(params).index(_SOME_ID))
    sql, params, at = _compiled[key]
    params = (*params[:at], user_id, *params[at + 1 :])
    found = list(User._default_manager.db_manager(using).raw(sql, params))
    return found[0] if len(found) == 1 else None


class RolePermissionBackend(ModelBackend):
    """Django's ModelBackend, with what a request needs of the user read once, together."""

    def get_user(self, user_id):
        user = user_with_request_state(user_id)
        if user is None:
            return None
        if not self.user_can_authenticate(user):
            return None
        _unpack_request_state(user)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions_of(user_obj)
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                ).distinct()
            }
        return user_obj._perm_cache
