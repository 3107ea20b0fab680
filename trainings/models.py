"""Training programmes, their sessions, who takes part, certificates, evaluations and coaching."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.validators import count, plausible_date
from trainings.workflow import (
    ACTIVE_ENROLMENT,
    Attendance,
    Audience,
    EnrolmentState,
    MessageKind,
    SessionState,
)

# Codes people read aloud or type: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def certificate_code() -> str:
    return f"{random_code(4)}-{random_code(4)}-{random_code(4)}"


def checkin_code() -> str:
    return random_code(6)


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    description = models.TextField(_("description"), blank=True)
    learning_goals = models.TextField(_("learning goals"), blank=True)
    required_sessions = models.PositiveSmallIntegerField(
        _("sessions needed to complete"),
        default=1,
        validators=count(100),
        help_text=_("How many sessions a participant must attend to complete the programme."),
    )
    gives_certificate = models.BooleanField(_("completion yields a certificate"), default=True)
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=count(240),
        help_text=_("Leave empty when the certificate does not expire."),
    )
    qualifies_role_models = models.BooleanField(
        _("role-model training"),
        default=False,
        help_text=_("Completing it lets a candidate become an active role model."),
    )
    qualifies_mentors = models.BooleanField(
        _("mentor training"),
        default=False,
        help_text=_("Completing it lets a candidate become an active mentor."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("trainings:programme", args=[self.pk])


def material_path(instance, filename: str) -> str:
    return f"trainings/materials/{secrets.token_hex(8)}/{filename}"


class Module(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="modules", verbose_name=_("programme")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1, validators=count(1000))
    title = models.CharField(_("title"), max_length=200)
    materials = models.TextField(_("materials"), blank=True)
    file = models.FileField(_("file"), upload_to=material_path, blank=True)
    documents = models.ManyToManyField(
        "network.KnowledgeDocument",
        blank=True,
        related_name="training_modules",
        verbose_name=_("knowledge-base documents"),
        help_text=_("The handbook, trainer's manual or guides this module works from."),
    )

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["programme", "order", "pk"]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Session(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"), validators=plausible_date("planning"))
    ends_at = models.DateTimeField(_("ends"), validators=plausible_date("planning"))
    municipality = models.ForeignKey(
        "network.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("municipality"),
        help_text=_("Where it is held, or for which municipality."),
    )
    location = models.ForeignKey(
        "network.Location",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("venue from the social map"),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("link of the online meeting"), blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="sessions_trained",
        verbose_name=_("trainers"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    modules = models.ManyToManyField(Module, blank=True, verbose_name=_("modules covered"))
    state = models.CharField(
        _("state"), max_length=20, choices=SessionState.choices, default=SessionState.PLANNED
    )
    checkin_code = models.CharField(_("check-in code"), max_length=6, default=checkin_code)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["state", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.display_title} ({timezone.localtime(self.starts_at):%d-%m-%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("trainings:session", args=[self.pk])

    def clean(self):
        super().clean()
        if not self.location_id:
            return
        venue_in = self.location.municipality_id
        if not self.municipality_id and venue_in:
            self.municipality_id = venue_in  # the venue says where the session is
        elif venue_in and venue_in != self.municipality_id:
            raise ValidationError(
                {
                    "location": _(
                        "This venue lies in %(venue)s, not in %(municipality)s, the "
                        "municipality of the session. Choose a venue there or change the "
                        "municipality."
                    )
                    % {"venue": self.location.municipality, "municipality": self.municipality}
                }
            )

    @property
    def display_title(self) -> str:
        return self.title or self.programme.name

    @property
    def venue_text(self) -> str:
        if self.location_id:
            location = self.location
            return ", ".join(
                part for part in (location.name, location.address, location.city) if part
            )
        return self.venue


class Enrolment(models.Model):
    """A seat (or a place on the waiting list) of one participant in one session."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        verbose_name=_("account"),
    )
    # Copied from the account, or typed for an external participant without one.
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("municipality where they work"),
    )
    state = models.CharField(_("state"), max_length=20, choices=EnrolmentState.choices)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, blank=True
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("enrolled by"),
    )
    created_at = models.DateTimeField(_("enrolled on"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["session", "created_at", "pk"]
        indexes = [
            models.Index(fields=["session", "state", "created_at"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            models.UniqueConstraint(
                "session",
                "email",
                condition=Q(state__in=sorted(ACTIVE_ENROLMENT)),
                name="one_active_enrolment_per_person",
                violation_error_message=_("This person is already enrolled in this session."),
            )
        ]

    def __str__(self):
        return f"{self.full_name} – {self.session}"

    @property
    def offer_token(self) -> str:
        """For the link that confirms an offered seat (see trainings/tokens.py)."""
        from trainings.tokens import enrolment_token

        return enrolment_token(self.pk, "offer")

    @property
    def evaluation_token(self) -> str:
        from trainings.tokens import enrolment_token

        return enrolment_token(self.pk, "evaluation")


class EnrolmentMessage(models.Model):
    """Ledger of emails about an enrolment: one row per kind, so each is sent once."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=30, choices=MessageKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("enrolment", "kind", name="one_message_per_kind")]

    def __str__(self):
        return f"{self.kind} – {self.enrolment_id}"


class Certificate(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("programme"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    completed_on = models.DateField(_("completed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    code = models.CharField(
        _("verification code"), max_length=14, unique=True, default=certificate_code
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-completed_on", "pk"]
        constraints = [
            # Completing a programme again (a refresher) gives a new certificate on a new date.
            models.UniqueConstraint(
                "programme", "email", "completed_on", name="one_certificate_per_completion"
            )
        ]

    def __str__(self):
        return f"{self.full_name} – {self.programme} ({self.code})"

    def is_valid(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.revoked_at is None and (self.valid_until is None or on <= self.valid_until)


class Evaluation(models.Model):
    """A participant's view of a held session; one per enrolment."""

    RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("enrolment")
    )
    overall = models.PositiveSmallIntegerField(_("overall"), validators=RATING_VALIDATORS)
    content = models.PositiveSmallIntegerField(_("content"), validators=RATING_VALIDATORS)
    trainer = models.PositiveSmallIntegerField(_("trainer"), validators=RATING_VALIDATORS)
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness for my work"), validators=RATING_VALIDATORS
    )
    comments = models.TextField(_("comments"), blank=True, max_length=4000)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.enrolment} – {self.overall}/5"


class CoachingSession(models.Model):
    role_model = models.ForeignKey(
        "rolemodels.RoleModel",
        on_delete=models.CASCADE,
        related_name="coaching_sessions",
        verbose_name=_("role model"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="coaching_sessions_given",
        verbose_name=_("coach"),
    )
    date = models.DateField(_("date"), validators=plausible_date("recent"))
    topics = models.TextField(_("topics"), max_length=2000)
    confidential_notes = models.TextField(
        _("confidential notes"),
        blank=True,
        max_length=8000,
        help_text=_("Only the coach and coordinators read these."),
    )
    activities = models.ManyToManyField(
        "rolemodels.Activity", blank=True, verbose_name=_("activities discussed")
    )
    # Of a mentor: which of their own mentorships were talked about (shown on each one's page).
    mentorships = models.ManyToManyField(
        "rolemodels.Mentorship",
        blank=True,
        related_name="coaching_sessions",
        verbose_name=_("mentorships discussed"),
    )
    next_session_on = models.DateField(
        _("next session planned on"),
        null=True,
        blank=True,
        validators=plausible_date("planning"),
        help_text=_("The role model sees this date on their home page."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["role_model", "-date"])]

    def __str__(self):
        return f"{self.role_model} – {self.date:%d-%m-%Y}"


class CoachingAction(models.Model):
    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, related_name="actions", verbose_name=_("session")
    )
    description = models.CharField(_("action"), max_length=300)
    due_date = models.DateField(_("due"), validators=plausible_date("planning"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["done_at", "due_date"])]

    def __str__(self):
        return self.description

    @property
    def overdue(self) -> bool:
        return self.done_at is None and self.due_date < timezone.localdate()
