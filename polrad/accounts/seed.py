"""Demo accounts, one per role, and the benchmark's national number of users."""

import random
from base64 import b32decode
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from network.models import Municipality
from polrad.accounts.demo_code import DEMO_TOTP_SECRET
from polrad.accounts.models import AuditEvent, User
from polrad.accounts.roles import TWO_FACTOR_REQUIRED, Role
from polrad.accounts.services import user_set_roles
from polrad.seed_data import scaled

DEMO_PASSWORD = "demo-polrad-2026"

DEMO_ACCOUNTS = [
    ("coordinator@example.org", "Cora Coördinator", Role.COORDINATOR),
    ("handler@example.org", "Hamid Behandelaar", Role.HANDLER),
    ("rolemodel@example.org", "Rachida Rolmodel", Role.ROLE_MODEL),
    ("professional@example.org", "Pieter Professional", Role.PROFESSIONAL),
    ("municipality@example.org", "Gerda Gemeente", Role.MUNICIPAL),
    ("admin@example.org", "Bram Beheerder", Role.ADMINISTRATOR),
]
# Scoped demo accounts work for the city of Groningen.
DEMO_SCOPE = "GM0014"

NATIONAL_USERS = 50_000
SCALE_ROLE_MIX = [
    (Role.PROFESSIONAL, 0.80),
    (Role.ROLE_MODEL, 0.10),
    (Role.MUNICIPAL, 0.05),
    (Role.HANDLER, 0.03),
    (Role.COORDINATOR, 0.02),
]


def seed_demo(out) -> None:
    scope = Municipality.objects.filter(cbs_code=DEMO_SCOPE)
    # The demo accounts share one password: hashed once (argon2 takes a quarter second).
    password = make_password(DEMO_PASSWORD)
    for email, name, role in DEMO_ACCOUNTS:
        user, _created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "password": password}
        )
        user_set_roles(user=user, roles=[role])
        if role in (Role.HANDLER, Role.MUNICIPAL):
            user.municipalities.set(scope)
        if role in TWO_FACTOR_REQUIRED:
            TOTPDevice.objects.get_or_create(
                user=user,
                name="demo",
                defaults={"key": b32decode(DEMO_TOTP_SECRET).hex(), "confirmed": True},
            )
    _seed_demo_administration(scope)
    out(f"demo accounts: {len(DEMO_ACCOUNTS)} (password {DEMO_PASSWORD})")


# What waits for the administrator: a new handler who has not set up two-factor
# authentication yet, and someone locked out after guessing passwords.
NEW_HANDLER = ("nina.nieuw@example.org", "Nina Nieuw")
LOCKED_OUT = "onbekend@example.org"


def _seed_demo_administration(scope) -> None:
    email, name = NEW_HANDLER
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": name,
            "password": make_password(None),
            "invited_by": User.objects.filter(email=DEMO_ACCOUNTS[0][0]).first(),
        },
    )
    if created:
        user_set_roles(user=user, roles=[Role.HANDLER])
        user.municipalities.set(scope)
    if AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT).exists():
        return
    tried = timezone.now() - timedelta(hours=3)
    address = "203.0.113.7"  # an address for documentation (RFC 5737)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                kind=AuditEvent.Kind.LOGIN_FAILED,
                username=LOCKED_OUT,
                success=False,
                ip_address=address,
                created_at=tried + timedelta(seconds=20 * attempt),
            )
            for attempt in range(5)
        ]
        + [
            AuditEvent(
                kind=AuditEvent.Kind.LOCKED_OUT,
                username=LOCKED_OUT,
                success=False,
                ip_address=address,
                created_at=tried + timedelta(seconds=110),
            )
        ]
    )


def seed_scale(out) -> None:
    missing = scaled(NATIONAL_USERS) - User.objects.count()
    if missing <= 0:
        out(f"users: {User.objects.count()}")
        return
    rng = random.Random(2026)
    password = make_password(None)  # unusable: benchmark users log in by session only
    start = User.objects.count()
    users = [
        User(
            email=f"user{start + i:06d}@bench.example.org",
            full_name=f"Gebruiker {start + i}",
            password=password,
        )
        for i in range(missing)
    ]
    User.objects.bulk_create(users, batch_size=2000)
    created = list(User.objects.filter(email__endswith="@bench.example.org").order_by("pk"))
    groups = {g.name: g for g in Group.objects.all()}
    municipality_ids = list(Municipality.objects.values_list("pk", flat=True))
    roles, weights = zip(*SCALE_ROLE_MIX, strict=True)
    user_groups, user_scopes = [], []
    for user in created[-missing:]:
        role = rng.choices(roles, weights)[0]
        user_groups.append(User.groups.through(user_id=user.pk, group_id=groups[role].pk))
        if role in (Role.HANDLER, Role.MUNICIPAL):
            for pk in rng.sample(municipality_ids, 2):
                user_scopes.append(User.municipalities.through(user_id=user.pk, municipality_id=pk))
    User.groups.through.objects.bulk_create(user_groups, batch_size=5000)
    User.municipalities.through.objects.bulk_create(user_scopes, batch_size=5000)
    out(f"users: {User.objects.count()}")
