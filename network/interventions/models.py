"""The handelingskader's data: what partners offer (an HSDS `service`), where it was used, what
to do when a situation occurs, and the documents the network works from."""

import os
import uuid

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from network.interventions import taxonomy
from network.terms import TaxonomyTerm
from polrad.validators import count, plausible_date


class SluggedTerm(TaxonomyTerm):
    """A taxonomy term other apps refer to by a stable slug (name, slug, description,
    position, is_active)."""

    slug = models.SlugField(_("short name"), max_length=100, unique=True)

    class Meta(TaxonomyTerm.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)
        taxonomy.changed()

    def delete(self, *args, **kwargs):
        taxonomy.changed()
        return super().delete(*args, **kwargs)


class PolarisationForm(SluggedTerm):
    """A form of polarisation, shared by the interventions, the concern categories and the
    analysis instrument."""

    class Meta(SluggedTerm.Meta):
        verbose_name = _("form of polarisation")
        verbose_name_plural = _("forms of polarisation")


class Mechanism(SluggedTerm):
    """How an intervention works: raising barriers, mentoring, dialogue, …"""

    class Meta(SluggedTerm.Meta):
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")


class TargetGroup(models.TextChoices):
    """Whom an activity or an intervention is for (one list for both)."""

    YOUNG_PEOPLE = "young_people", _("Young people")
    PARENTS = "parents", _("Parents")
    PROFESSIONALS = "professionals", _("Professionals")
    COMMUNITY = "community", _("Community members")
    MIXED = "mixed", _("Mixed")


class PracticeCategory(models.TextChoices):
    """The five categories of solution directions the practice examples are sorted in."""

    LIVING_ENVIRONMENT = "living_environment", _("Immediate living environment")
    NEIGHBOURHOOD = "neighbourhood", _("Street, square and neighbourhood")
    YOUTH = "youth", _("Children and young people, role models, conflict handling")
    RESILIENCE = "resilience", _("Social control, collective resilience and basic safety")
    MUNICIPAL = "municipal", _("Municipal, cross-neighbourhood programmes")


class Archivable(models.Model):
    """Archived records are hidden from choice lists but kept in history and figures."""

    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


ALLOWED_DOCUMENT_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "txt",
    "rtf",
    "md",
)


def document_upload_to(instance, filename: str) -> str:
    """A random folder per upload and a sanitised name: no path tricks, no collisions."""
    base, extension = os.path.splitext(os.path.basename(filename))
    name = get_valid_filename(slugify(base)[:80] or "document") + extension.lower()[:10]
    return f"kennisbank/{uuid.uuid4().hex}/{name}"


class KnowledgeDocument(Archivable):
    """A document of the knowledge base: a stored file, served through a view, or a link."""

    class Kind(models.TextChoices):
        HANDBOOK = "handbook", _("Handbook")
        TRAINER_MANUAL = "trainer_manual", _("Trainer's manual")
        GUIDE = "guide", _("Guide")
        ANALYSIS_INSTRUMENT = "analysis_instrument", _("Analysis instrument")
        VISION = "vision", _("Vision document")
        PRACTICE_EXAMPLES = "practice_examples", _("Practice examples")
        PROTOCOL = "protocol", _("Protocol")

    class Audience(models.TextChoices):
        ROLE_MODELS = "role_models", _("Role models")
        PROFESSIONALS = "professionals", _("Professionals")
        POLICY_MAKERS = "policy_makers", _("Policy makers")
        EVERYONE = "everyone", _("Everyone")

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other language")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    version = models.CharField(_("version"), max_length=30, blank=True)
    date = models.DateField(_("date"), validators=plausible_date("past"))
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.DUTCH
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Readable without logging in.")
    )
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True, max_length=200)
    link = models.URLField(_("link"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("knowledge-base document")
        verbose_name_plural = _("knowledge-base documents")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["archived", "is_public", "title"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="network_document_file_or_link",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("kennisbank:detail", args=[self.pk])

    def clean(self):
        if bool(self.file) == bool(self.link):
            raise ValidationError(_("Upload a file or give a link, not both and not neither."))


class Intervention(Archivable):
    """An intervention a partner offers (HSDS `service`), described by the fixed headings of
    the national database of social interventions."""

    class Kind(models.TextChoices):
        PREVENTIVE = "preventive", _("Preventive")
        REACTIVE = "reactive", _("Reactive")
        REPRESSIVE = "repressive", _("Repressive")

    class Level(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        GROUP = "group", _("Group")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
        MUNICIPALITY = "municipality", _("Municipality")

    Category = PracticeCategory

    class EvidenceLevel(models.TextChoices):
        PRACTICE_EXAMPLE = "practice_example", _("Practice example")
        WELL_DESCRIBED = "well_described", _("Well described")
        WELL_FOUNDED = "well_founded", _("Well founded")
        EFFECTIVE = "effective", _("Effective")

    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    mechanisms = models.ManyToManyField(
        Mechanism, blank=True, related_name="interventions", verbose_name=_("mechanisms")
    )
    forms = models.ManyToManyField(
        PolarisationForm,
        blank=True,
        related_name="interventions",
        verbose_name=_("forms of polarisation"),
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    category = models.CharField(
        _("practice category"), max_length=30, choices=PracticeCategory.choices
    )
    evidence_level = models.CharField(
        _("evidence level"), max_length=20, choices=EvidenceLevel.choices
    )
    evidence_source = models.CharField(
        _("source of the evidence"),
        max_length=300,
        blank=True,
        help_text=_("A publication, a database entry or a link."),
    )
    # The fixed headings of a full description.
    reason = models.TextField(_("reason"), blank=True)
    target_group_description = models.TextField(_("target group"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    preconditions = models.TextField(_("preconditions"), blank=True)
    transferability = models.TextField(_("transferability"), blank=True)
    research = models.TextField(_("research and evidence"), blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True)
    costs = models.CharField(_("costs"), max_length=200, blank=True)
    documents = models.ManyToManyField(
        KnowledgeDocument,
        blank=True,
        related_name="interventions",
        verbose_name=_("documents"),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Readable without logging in, without any contact person's details."),
    )

    # Kept up to date by a database trigger on Postgres (migration 0006); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[mechanisms, forms, documents],
        excluded_fields=["updated_at", "search_vector"],
    )

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["archived", "name", "id"]),
            models.Index(fields=["archived", "is_public", "name", "id"]),
            models.Index(fields=["kind", "archived"]),
            models.Index(fields=["category", "archived"]),
            models.Index(fields=["evidence_level", "archived"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        taxonomy.changed()  # the choice lists of case conferences show current ones

    def get_absolute_url(self):
        return reverse("interventions:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        taxonomy.changed()
        return super().delete(*args, **kwargs)

    def get_target_groups_display(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[value]) for value in self.target_groups if value in labels]


class InterventionProvider(models.Model):
    """An organisation of the social map that offers an intervention, with whom to ask."""

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="providers",
        verbose_name=_("intervention"),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="intervention_offers",
        verbose_name=_("organisation"),
    )
    contact = models.ForeignKey(
        "network.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intervention_offers",
        verbose_name=_("contact person"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "organisation"], name="network_provider_once"
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.intervention}"


class PracticeExample(Archivable):
    """A documented use of an intervention in a place and period, and what it achieved."""

    title = models.CharField(_("title"), max_length=200)
    intervention = models.ForeignKey(
        Intervention,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="examples",
        verbose_name=_("intervention"),
    )
    category = models.CharField(
        _("practice category"), max_length=30, choices=PracticeCategory.choices
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="practice_examples",
        verbose_name=_("municipality"),
    )
    neighbourhood = models.CharField(_("neighbourhood"), max_length=100, blank=True)
    started_on = models.DateField(_("from"), validators=plausible_date("long"))
    ended_on = models.DateField(
        _("until"), null=True, blank=True, validators=plausible_date("long")
    )
    organisations = models.ManyToManyField(
        "network.Organisation",
        blank=True,
        related_name="practice_examples",
        verbose_name=_("organisations involved"),
    )
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("what it achieved"), blank=True)
    lessons = models.TextField(_("lessons"), blank=True)
    contact = models.ForeignKey(
        "network.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_examples",
        verbose_name=_("contact person"),
    )
    is_draft = models.BooleanField(
        _("draft"), default=True, help_text=_("Drafts are seen by coordinators only.")
    )

    history = HistoricalRecords(m2m_fields=[organisations], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")
        ordering = ["-started_on", "pk"]
        indexes = [models.Index(fields=["archived", "is_draft", "category", "started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="network_example_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("interventions:example-detail", args=[self.pk])

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date lies before the start date.")})


class SituationGuidance(Archivable):
    """What to do when a situation occurs (the reactive half of the handelingskader)."""

    title = models.CharField(_("situation"), max_length=200)
    situation = models.TextField(_("description of the situation"))
    first_steps = models.TextField(_("first steps"))
    whom_to_call = models.TextField(_("whom to call"), blank=True)
    responsibilities = models.JSONField(
        _("network agreements to show"),
        default=list,
        blank=True,
        help_text=_("The holders of these responsibilities are shown per municipality."),
    )
    what_not_to_do = models.TextField(_("what not to do"), blank=True)
    forms = models.ManyToManyField(
        PolarisationForm,
        blank=True,
        related_name="guidance",
        verbose_name=_("forms of polarisation"),
    )
    interventions = models.ManyToManyField(
        Intervention,
        blank=True,
        related_name="guidance",
        verbose_name=_("interventions that fit"),
    )
    documents = models.ManyToManyField(
        KnowledgeDocument, blank=True, related_name="guidance", verbose_name=_("documents")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=count(1000, minimum=0)
    )
    is_public = models.BooleanField(_("public"), default=False)

    history = HistoricalRecords(
        m2m_fields=[forms, interventions, documents], excluded_fields=["updated_at"]
    )

    class Meta:
        verbose_name = _("situation guidance")
        verbose_name_plural = _("situation guidance")
        ordering = ["position", "title", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        taxonomy.changed()  # a concern's page shows the cards from the cache

    def get_absolute_url(self):
        return reverse("interventions:guidance-detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        taxonomy.changed()
        return super().delete(*args, **kwargs)
