"""Analyses of a municipality or neighbourhood, their action plans, and "basis op orde".

Checklists and preconditions are data: a versioned list that an administrator edits. A
version in use is frozen, so an old analysis or assessment keeps the wording it was made with;
new wording goes into a new version.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.analysis.workflow import (
    OPEN_STATUSES,
    ActionStatus,
    AnalysisStatus,
    PreconditionStatus,
    Step,
    Verdict,
)
from polrad.models import AppendOnly
from polrad.validators import plausible_date

NO_NAMES = _("About places and groups only: do not write names of people.")


class VersionedList(models.Model):
    """A published version of a list; the latest published one is used for new work."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("New work uses the latest published version."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @classmethod
    def current(cls):
        return cls.objects.filter(is_published=True).order_by("-version").first()

    @property
    def in_use(self) -> bool:
        raise NotImplementedError


class FrozenWhenUsed(models.Model):
    """An item of a versioned list: it cannot change once its version is in use."""

    frozen_message = _(
        "This version is in use and cannot be changed any more; make a new version instead."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._version().in_use:
            raise ValidationError(self.frozen_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version().in_use:
            raise ValidationError(self.frozen_message)
        return super().delete(*args, **kwargs)

    def _version(self):
        raise NotImplementedError


class ChecklistDefinition(VersionedList):
    required_domains = models.ManyToManyField(
        "network.Domain",
        blank=True,
        related_name="+",
        verbose_name=_("domains that should be at the table"),
        help_text=_("An analysis warns while one of these is missing among its participants."),
    )

    class Meta(VersionedList.Meta):
        verbose_name = _("checklist definition")
        verbose_name_plural = _("checklist definitions")

    @property
    def in_use(self) -> bool:
        return self.pk is not None and self.analyses.exists()


class ChecklistItem(FrozenWhenUsed):
    definition = models.ForeignKey(
        ChecklistDefinition,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("checklist definition"),
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    label = models.CharField(_("text"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    in_short = models.BooleanField(_("in the short version"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["definition", "step", "position", "pk"]

    def __str__(self):
        return self.label

    def _version(self):
        return self.definition


class Analysis(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", _("Full analysis")
        SHORT = "short", _("Short version for a neighbourhood meeting")

    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    neighbourhood = models.CharField(
        _("neighbourhood"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the whole municipality."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=NO_NAMES)
    kind = models.CharField(_("version"), max_length=10, choices=Kind.choices, default=Kind.FULL)
    date = models.DateField(_("date of the analysis"))
    facilitator = models.CharField(
        _("facilitator"), max_length=200, help_text=_("Who leads the meeting, and in which role.")
    )
    definition = models.ForeignKey(
        ChecklistDefinition,
        on_delete=models.PROTECT,
        related_name="analyses",
        verbose_name=_("checklist version"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AnalysisStatus.choices, default=AnalysisStatus.DRAFT
    )
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    phase = models.ForeignKey(
        ChecklistItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("phase"),
    )
    ticked = models.ManyToManyField(
        ChecklistItem, blank=True, related_name="+", verbose_name=_("ticked items")
    )
    communities = models.ManyToManyField(
        "network.Community", blank=True, related_name="+", verbose_name=_("communities involved")
    )
    forms = models.ManyToManyField(
        "network.PolarisationForm",
        blank=True,
        related_name="+",
        verbose_name=_("forms of polarisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["municipality", "neighbourhood", "-date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_date__isnull=True) | Q(follow_up_date__gte=models.F("date")),
                name="analysis_follow_up_after_date",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("analysis:detail", args=[self.pk])

    @property
    def is_short(self) -> bool:
        return self.kind == self.Kind.SHORT

    @property
    def place(self) -> str:
        return (
            f"{self.municipality}, {self.neighbourhood}"
            if self.neighbourhood
            else str(self.municipality)
        )


class StepNote(models.Model):
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="notes")
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    notes = models.TextField(_("notes"), blank=True, help_text=NO_NAMES)

    class Meta:
        verbose_name = _("notes of a step")
        verbose_name_plural = _("notes of steps")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "step"], name="analysis_note_per_step")
        ]

    def __str__(self):
        return f"{self.analysis_id} {self.step}"


class PolicyVerdict(models.Model):
    """Step 8: a policy area (an item of the checklist) and the verdict on it."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="verdicts")
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("policy area")
    )
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    approach = models.TextField(_("proposed approach"), blank=True, help_text=NO_NAMES)

    class Meta:
        verbose_name = _("policy verdict")
        verbose_name_plural = _("policy verdicts")
        ordering = ["item__position", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "item"], name="analysis_verdict_per_area")
        ]

    def __str__(self):
        return f"{self.item}: {self.get_verdict_display()}"


class ChosenIntervention(models.Model):
    """Step 7: an intervention of the handelingskader chosen, and why."""

    analysis = models.ForeignKey(
        Analysis, on_delete=models.CASCADE, related_name="chosen_interventions"
    )
    intervention = models.ForeignKey(
        "network.Intervention",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("intervention"),
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000, help_text=NO_NAMES)

    class Meta:
        verbose_name = _("chosen intervention")
        verbose_name_plural = _("chosen interventions")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "intervention"], name="analysis_intervention_once"
            )
        ]

    def __str__(self):
        return str(self.intervention)


class Participant(models.Model):
    """Who sat at the table: an organisation or a person of the social map, with its domain.
    A participant with an account may read the analysis and add remarks."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    contact = models.ForeignKey(
        "network.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    domain = models.ForeignKey(
        "network.Domain", on_delete=models.PROTECT, related_name="+", verbose_name=_("domain")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="analysis_participations",
        verbose_name=_("account"),
        help_text=_("With an account the participant may read the analysis and add remarks."),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["domain__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(contact__isnull=False),
                name="analysis_participant_has_someone",
            )
        ]

    def __str__(self):
        return str(self.contact or self.organisation)


class Remark(AppendOnly):
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="remarks")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("remark"), max_length=2000, help_text=NO_NAMES)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.analysis_id} {self.created_at:%Y-%m-%d}"


def analysis_pdf_path(instance, filename: str) -> str:
    return f"analyses/{secrets.token_hex(8)}/{filename}"


class AnalysisPdf(models.Model):
    """The PDF of an analysis as it stood: kept with its checksum, made again after changes."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="pdfs")
    language = models.CharField(_("language"), max_length=8)
    file = models.FileField(_("file"), upload_to=analysis_pdf_path)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    made_from = models.DateTimeField(_("analysis as updated at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("PDF of an analysis")
        verbose_name_plural = _("PDFs of analyses")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file.name


class PreconditionList(VersionedList):
    class Meta(VersionedList.Meta):
        verbose_name = _("list of preconditions")
        verbose_name_plural = _("lists of preconditions")

    @property
    def in_use(self) -> bool:
        return self.pk is not None and self.assessments.exists()


class Hint(models.TextChoices):
    """What existing data can say about a precondition (see selectors.precondition_hints)."""

    NONE = "", _("No hint")
    VISION = "vision", _("Vision document")
    INTERVENTIONS = "interventions", _("Interventions offered (handelingskader)")
    INTERNAL_NETWORK = "internal_network", _("Network agreements in force")
    KEY_FIGURES = "key_figures", _("Key figures on the map")
    SIGNALLING = "signalling", _("Handler and case conference")
    TRAINED = "trained", _("Professionals trained")
    PARTNER_METHODS = "partner_methods", _("Partners with a working method")
    ROLE_MODELS = "role_models", _("Active role models")


class Precondition(FrozenWhenUsed):
    preconditions = models.ForeignKey(
        PreconditionList,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("list of preconditions"),
    )
    label = models.CharField(_("precondition"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    hint = models.CharField(_("hint from data"), max_length=20, choices=Hint.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("precondition")
        verbose_name_plural = _("preconditions")
        ordering = ["preconditions", "position", "pk"]

    def __str__(self):
        return self.label

    def _version(self):
        return self.preconditions


class Assessment(models.Model):
    """A municipality's dated self-assessment of its preconditions ("basis op orde")."""

    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    date = models.DateField(_("date"), validators=plausible_date("recent"))
    preconditions = models.ForeignKey(
        PreconditionList,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("list of preconditions"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "date"], name="analysis_assessment_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.date}"


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    precondition = models.ForeignKey(
        Precondition, on_delete=models.PROTECT, related_name="+", verbose_name=_("precondition")
    )
    status = models.CharField(_("status"), max_length=10, choices=PreconditionStatus.choices)
    evidence = models.TextField(_("evidence"), blank=True, help_text=NO_NAMES)

    class Meta:
        verbose_name = _("assessed precondition")
        verbose_name_plural = _("assessed preconditions")
        ordering = ["precondition__position", "precondition_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "precondition"], name="analysis_item_once_per_assessment"
            )
        ]

    def __str__(self):
        return f"{self.precondition}: {self.get_status_display()}"


def vision_path(instance, filename: str) -> str:
    return f"visions/{secrets.token_hex(8)}/{filename}"


class VisionDocument(models.Model):
    """The municipality's vision: where it draws the line between healthy polarisation and
    undermining."""

    municipality = models.OneToOneField(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    file = models.FileField(_("document"), upload_to=vision_path, blank=True)
    link = models.URLField(_("link"), blank=True)
    adopted_on = models.DateField(_("adopted on"))
    review_date = models.DateField(_("review date"), null=True, blank=True)
    summary = models.TextField(
        _("where the municipality draws the line"),
        help_text=_("Between healthy polarisation and undermining, in a few sentences."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("vision document")
        verbose_name_plural = _("vision documents")

    def __str__(self):
        return str(self.municipality)


class Action(models.Model):
    """What someone does as a result of an analysis or of basis op orde."""

    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    analysis = models.ForeignKey(
        Analysis, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    assessment_item = models.ForeignKey(
        AssessmentItem,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("precondition"),
    )
    what = models.CharField(_("what"), max_length=300, help_text=NO_NAMES)
    owner_organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner (organisation)"),
    )
    owner_contact = models.ForeignKey(
        "network.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner (person)"),
    )
    due_date = models.DateField(_("due date"))
    intervention = models.ForeignKey(
        "network.Intervention",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("intervention"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "municipality", "due_date"]),
            models.Index(fields=["status", "due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_organisation__isnull=False) | Q(owner_contact__isnull=False),
                name="analysis_action_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(analysis__isnull=False) | Q(assessment_item__isnull=False),
                name="analysis_action_has_origin",
            ),
        ]

    def __str__(self):
        return self.what

    @property
    def owner(self):
        return self.owner_contact or self.owner_organisation

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()
