from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from polrad.accounts.roles import SCOPED_ROLES, TWO_FACTOR_REQUIRED, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("Users must have an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("access to the admin"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    municipalities = models.ManyToManyField(
        "network.Municipality",
        blank=True,
        related_name="scoped_users",
        verbose_name=_("municipalities in scope"),
    )
    invited_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]
        # The user list pages by name (keyset pagination): an index to seek to a page.
        indexes = [models.Index(fields=["full_name", "id"])]
        permissions = [
            ("invite_users", _("Can invite users")),
            ("view_social_map", _("Can see the social map and its contact details")),
            ("manage_social_map", _("Can edit the social map")),
            ("manage_role_models", _("Can recruit and coach role models")),
            ("nominate_role_models", _("Can nominate someone as a role model")),
            ("log_activities", _("Can log activities as a role model")),
            ("submit_concerns", _("Can submit concerns")),
            ("handle_concerns", _("Can handle concerns of municipalities in scope")),
            ("manage_trainings", _("Can plan trainings")),
            ("enrol_in_trainings", _("Can enrol in trainings")),
            ("view_municipal_reports", _("Can see municipal dashboards and reports")),
            ("view_network_dashboard", _("Can see the network-wide dashboard")),
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(group.name for group in self.groups.all())

    @cached_property
    def municipality_ids(self) -> frozenset[int]:
        """The ids of the municipalities in the user's scope (read with the user per request)."""
        return frozenset(self.municipalities.values_list("pk", flat=True))

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [Role(code).label for code in sorted(self.roles) if code in Role.values]

    @property
    def requires_two_factor(self) -> bool:
        return self.is_superuser or bool(self.roles & TWO_FACTOR_REQUIRED)

    @property
    def is_scoped(self) -> bool:
        """True when the user sees only the municipalities assigned to them."""
        return (
            not self.is_superuser
            and not (self.roles & {Role.COORDINATOR, Role.ADMINISTRATOR})
            and bool(self.roles & SCOPED_ROLES)
        )


class AuditEvent(models.Model):
    """Append-only record of security-relevant events: who, what, when, from where."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKED_OUT = "locked_out", _("Locked out")
        LOGOUT = "logout", _("Logout")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        TWO_FACTOR_ENABLED = "2fa_enabled", _("Two-factor authentication set up")
        TWO_FACTOR_VERIFIED = "2fa_verified", _("Two-factor code accepted")
        TWO_FACTOR_FAILED = "2fa_failed", _("Two-factor code refused")
        TWO_FACTOR_DISABLED = "2fa_disabled", _("Two-factor authentication removed")
        RECOVERY_CODES = "recovery_codes", _("Recovery codes generated")
        ACCESS_DENIED = "access_denied", _("Access refused")
        USER_INVITED = "user_invited", _("User invited")
        PASSWORD_SET = "password_set", _("Password set")
        USER_DEACTIVATED = "user_deactivated", _("User deactivated")

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        verbose_name=_("actor"),
    )
    username = models.CharField(_("user name given"), max_length=254, blank=True)
    success = models.BooleanField(_("success"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "-created_at"]),
            models.Index(fields=["actor", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
