"""Role models "from below": candidates, their profiles and the history of their stages."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rolemodels.workflow import PIPELINE_STAGES, Stage


class RoleModel(models.Model):
    """A candidate or role model; `user` is their account, made when they become active."""

    class HeardVia(models.TextChoices):
        PARTNER = "partner", _("Through an organisation or professional")
        ROLE_MODEL = "role_model", _("Through another role model")
        ACTIVITY = "activity", _("At an activity")
        SOCIAL_MEDIA = "social_media", _("Social media")
        WEBSITE = "website", _("Website")
        OTHER = "other", _("Other")

    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="role_models",
        verbose_name=_("municipality"),
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    communities = models.ManyToManyField(
        "network.Community", blank=True, verbose_name=_("communities")
    )
    languages = models.ManyToManyField("network.Language", blank=True, verbose_name=_("languages"))
    themes = models.ManyToManyField(
        "network.Theme", blank=True, verbose_name=_("themes they can speak on")
    )
    motivation = models.TextField(_("motivation"), blank=True)
    heard_via = models.CharField(
        _("how they heard of it"), max_length=20, choices=HeardVia.choices, blank=True
    )
    story = models.TextField(
        _("short story"),
        blank=True,
        help_text=_("Who they are and what they can tell; used for matching."),
    )
    available_weekdays = models.BooleanField(_("available on weekdays"), default=False)
    available_evenings = models.BooleanField(_("available in the evening"), default=False)
    available_weekends = models.BooleanField(_("available at weekends"), default=False)
    max_activities_per_month = models.PositiveSmallIntegerField(
        _("maximum activities per month"), default=2
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_role_models",
        verbose_name=_("coach"),
    )
    consent_date = models.DateField(_("consent to processing"), null=True, blank=True)
    vog_date = models.DateField(
        _("date of the certificate of conduct (VOG)"), null=True, blank=True
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLIED
    )
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_model_profile",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("role model")
        verbose_name_plural = _("role models")
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["stage", "stage_changed_at", "id"])]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("rolemodels:detail", args=[self.pk])

    @property
    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_changed_at).days

    @property
    def is_stuck(self) -> bool:
        return self.stage in PIPELINE_STAGES and self.stage_changed_at < stuck_before()


def stuck_before():
    """Candidates in a pipeline stage since before this moment are stuck."""
    return timezone.now() - timedelta(days=settings.ROLE_MODEL_STUCK_DAYS)


class StageChange(models.Model):
    """One move of a role model between stages: append-only, never changed or deleted."""

    role_model = models.ForeignKey(
        RoleModel,
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("role model"),
    )
    from_stage = models.CharField(
        _("from"), max_length=20, choices=Stage.choices, blank=True
    )  # empty for the application or nomination itself
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )  # empty for a public application
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["role_model", "created_at"])]

    def __str__(self):
        return f"{self.role_model_id}: {self.from_stage or '—'} → {self.to_stage}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("The stage history cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The stage history cannot be changed."))


class StuckReminder(models.Model):
    """One per coordinator per week: makes the weekly stuck-candidates email idempotent."""

    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(_("week (Monday)"))
    candidates = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coordinator", "week"], name="rolemodels_stuck_reminder_once_per_week"
            )
        ]

    def __str__(self):
        return f"{self.coordinator_id} {self.week:%Y-%m-%d}"
