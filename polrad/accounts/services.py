from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from polrad.accounts.models import AuditEvent, User
from polrad.accounts.roles import ROLE_PERMISSIONS, Role
from polrad.accounts.tasks import send_invitation
from polrad.errors import Refusal

RECOVERY_CODE_COUNT = 10


class AccountError(Refusal):
    """A refused account operation, with a message fit for the user."""


def roles_sync() -> None:
    """Create a group per role and give it exactly the permissions of ROLE_PERMISSIONS."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str]) -> None:
    roles = set(roles)
    user.groups.set(Group.objects.filter(name__in=roles))
    user.is_staff = Role.ADMINISTRATOR in roles or user.is_superuser
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("roles", None)


@transaction.atomic
def user_invite(
    *, email: str, full_name: str, roles: Iterable[str], municipalities, invited_by: User
) -> User:
    """Create an account without a password and email its holder a one-time link."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError("exists")
    user = User.objects.create_user(email=email, full_name=full_name, invited_by=invited_by)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user_set_roles(user=user, roles=roles)
    user.municipalities.set(municipalities)
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.USER_INVITED,
        success=True,
        actor=invited_by,
        username=email,
        detail={"user_id": user.pk, "roles": sorted(roles)},
    )
    send_invitation.delay_on_commit(user.pk)
    return user


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> None:
    """Switch an account off. Its sessions end: inactive users no longer authenticate."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.USER_DEACTIVATED,
        success=True,
        actor=by,
        username=user.email,
        detail={"user_id": user.pk},
    )


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device a user is setting up, made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """Replace the user's recovery codes with fresh ones; returns them to show once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_enable(*, device: TOTPDevice) -> list[str]:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return recovery_codes_generate(user=device.user)


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    if user.requires_two_factor:
        raise AccountError("required")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
