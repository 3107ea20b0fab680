"""The social map: who is in the network, where, in which domain, and what they contribute.

The shape follows Open Referral's HSDS 3.0 where it fits (organization, location, contact,
phone, taxonomy terms), so the map can be exchanged as an HSDS data package.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from network.interventions import taxonomy
from network.terms import TaxonomyTerm
from network.validators import validate_no_formula_start, validate_phone
from polrad.validators import plausible_date

# Records not verified for this long are flagged as stale.
STALE_AFTER = timedelta(days=365)


class Municipality(models.Model):
    """A municipality (gemeente): the unit of scope for handlers and municipal staff."""

    name = models.CharField(_("name"), max_length=100, validators=[validate_no_formula_start])
    cbs_code = models.CharField(
        _("CBS code"), max_length=6, unique=True, help_text=_("For example GM0014.")
    )
    province = models.CharField(_("province"), max_length=50, db_index=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        taxonomy.changed()  # the catalogue's filter lists the municipalities

    def delete(self, *args, **kwargs):
        taxonomy.changed()
        return super().delete(*args, **kwargs)


class CachedTerm(TaxonomyTerm):
    """A list of the social map read from the cache (network.interventions.taxonomy): its
    choice lists and the names on detail pages cost no query; an edit shows at once."""

    class Meta(TaxonomyTerm.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        taxonomy.changed()

    def delete(self, *args, **kwargs):
        taxonomy.changed()
        return super().delete(*args, **kwargs)


class Domain(CachedTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class Theme(CachedTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Contribution(CachedTerm):
    """What an actor can contribute (aangrijpingspunt)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")


class Language(CachedTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Community(CachedTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("community")
        verbose_name_plural = _("communities")


class Verifiable(models.Model):
    """Freshness, the main problem of every social map: when was this last checked?"""

    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        return self.last_verified_at is None or (
            self.last_verified_at < timezone.now() - STALE_AFTER
        )


def stale_parts() -> tuple[Q, Q]:
    """Never verified, and verified too long ago: apart, each is a range of an index."""
    return Q(last_verified_at__isnull=True), Q(last_verified_at__lt=timezone.now() - STALE_AFTER)


def stale_q() -> Q:
    never, long_ago = stale_parts()
    return never | long_ago


class Organisation(Verifiable):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE = "police", _("Police")
        SCHOOL = "school", _("School")
        YOUTH_WORK = "youth_work", _("Youth work")
        WELFARE = "welfare", _("Social work and welfare")
        CARE = "care", _("Care")
        FAITH = "faith", _("Faith community")
        SPORTS = "sports", _("Sports club")
        CULTURE = "culture", _("Culture")
        COMMUNITY = "community", _("Community organisation")
        REFUGEES = "refugees", _("Refugee support")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, validators=[validate_no_formula_start])
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(
        _("description"), blank=True, validators=[validate_no_formula_start]
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("general email"), blank=True)
    phone = models.CharField(
        _("general phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    is_partner = models.BooleanField(
        _("network partner"),
        default=False,
        help_text=_("Member of the expertise network."),
    )
    domains = models.ManyToManyField(Domain, blank=True, verbose_name=_("domains"))
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes of expertise"))
    contributions = models.ManyToManyField(
        Contribution, blank=True, verbose_name=_("what it can contribute")
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipalities served"),
    )

    # Kept up to date by a database trigger on Postgres (migration 0005); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[domains, themes, contributions, municipalities],
        excluded_fields=["updated_at", "search_vector"],
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["is_active", "name", "id"]),
            # "Longest unverified first" and the stale filter: network_org_verified_idx, made
            # on Postgres only by migration 0016 (SQLite knows no NULLS FIRST in an index).
            # The home page's count of the active records to verify, from the index alone.
            models.Index(
                fields=["last_verified_at"],
                condition=Q(is_active=True),
                name="network_org_stale_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:organisation-detail", args=[self.pk])


class Location(models.Model):
    """A place where an organisation works (HSDS location with its address)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[validate_no_formula_start]
    )
    address = models.CharField(_("address"), max_length=200, validators=[validate_no_formula_start])
    postal_code = models.CharField(_("postcode"), max_length=7, db_index=True)
    city = models.CharField(_("city"), max_length=100, validators=[validate_no_formula_start])
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("municipality"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["organisation", "pk"]

    def __str__(self):
        return f"{self.address}, {self.postal_code} {self.city}"


class ContactKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    VOLUNTEER = "volunteer", _("Volunteer")
    KEY_FIGURE = "key_figure", _("Key figure")
    EXPERIENCE_EXPERT = "experience_expert", _("Experience expert")


# The kinds of people the network keeps in touch with through contact moments.
RELATIONSHIP_KINDS = (
    ContactKind.VOLUNTEER,
    ContactKind.KEY_FIGURE,
    ContactKind.EXPERIENCE_EXPERT,
)


def last_contact_for_flags():
    """The day a person's contact counts from: for the kinds the network keeps in touch with,
    their last contact (none yet: the first day there is); for professionals a day that never
    comes, so they are never out of touch.

    One expression, indexed with `is_active`, so Postgres keeps statistics of it: asked about
    the last contact alone (empty for the 85% who are professionals), it expected thousands
    of people out of touch where there were 54, and read 35,000 rows in name order to find
    them (60 ms on national data).
    """
    return Case(
        When(kind__in=RELATIONSHIP_KINDS, then=Coalesce("last_contact_on", Value(date.min))),
        default=Value(date.max),
        output_field=models.DateField(),
    )


class ContactPerson(Verifiable):
    """A contact person or key figure (sleutelfiguur): the eyes and ears of a neighbourhood."""

    Kind = ContactKind

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for an independent key figure."),
    )
    full_name = models.CharField(_("name"), max_length=200, validators=[validate_no_formula_start])
    function = models.CharField(
        _("function"), max_length=200, blank=True, validators=[validate_no_formula_start]
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True, db_index=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PROFESSIONAL
    )
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages"))
    communities = models.ManyToManyField(
        Community, blank=True, verbose_name=_("communities reached")
    )
    domains = models.ManyToManyField(Domain, blank=True, verbose_name=_("domains"))
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="contacts",
        verbose_name=_("municipalities"),
    )
    consent_date = models.DateField(
        _("consent to be on the map"),
        null=True,
        blank=True,
        validators=plausible_date("past"),
        help_text=_("Date on which the person agreed to be on the social map."),
    )
    consent_pool_contact = models.BooleanField(
        _("consent to be contacted by role models and mentors"),
        default=False,
        help_text=_(
            "The person agreed that role models and mentors of the network see their phone "
            "number and email address."
        ),
    )
    # The date of the latest contact moment, kept with each one: lists and flags read it.
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    coordinator_notes = models.TextField(
        _("notes for coordinators"),
        blank=True,
        help_text=_("Visible to network coordinators only."),
    )

    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[languages, communities, domains, municipalities],
        excluded_fields=["updated_at", "search_vector", "last_contact_on"],
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["full_name", "pk"]
        indexes = [
            models.Index(fields=["is_active", "full_name", "id"]),
            models.Index(fields=["kind", "is_active", "full_name", "id"]),
            # network_contact_verified_idx on Postgres, and the count to verify: see Organisation.
            models.Index(
                fields=["last_verified_at"],
                condition=Q(is_active=True),
                name="network_contact_stale_idx",
            ),
            models.Index(fields=["is_active", "kind", "last_contact_on"]),
            models.Index(F("is_active"), last_contact_for_flags(), name="network_contact_due_idx"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("network:contact-detail", args=[self.pk])

    @property
    def is_key_figure(self) -> bool:
        return self.kind == self.Kind.KEY_FIGURE

    @is_key_figure.setter
    def is_key_figure(self, value: bool) -> None:
        """The former yes/no: yes makes a key figure, no leaves any other kind as it is."""
        if value:
            self.kind = self.Kind.KEY_FIGURE
        elif self.kind == self.Kind.KEY_FIGURE:
            self.kind = self.Kind.PROFESSIONAL

    @property
    def is_out_of_touch(self) -> bool:
        """A relationship (not a professional) without a contact moment for N months."""
        if self.kind not in RELATIONSHIP_KINDS or not self.is_active:
            return False
        return self.last_contact_on is None or self.last_contact_on < out_of_touch_before()


def out_of_touch_before():
    """People whose last contact is before this day are flagged (CONTACT_OVERDUE_MONTHS)."""
    today = timezone.localdate()
    return today - timedelta(days=round(30.44 * settings.CONTACT_OVERDUE_MONTHS))


def out_of_touch_q() -> Q:
    """Active people of a relationship kind without a contact since `out_of_touch_before()`
    (or none at all); never professionals."""
    return Q(is_active=True) & Q(LessThan(last_contact_for_flags(), out_of_touch_before()))


class NetworkAgreement(models.Model):
    """Who holds which responsibility in a municipality's network (actors and role division)."""

    class Responsibility(models.TextChoices):
        FIRST_CONTACT = "first_contact", _("First contact for concerns")
        CASE_CONFERENCE = "case_conference", _("Case conference chair")
        PREVENTION = "prevention", _("Prevention activities")
        AFTERCARE = "aftercare", _("Aftercare")
        COORDINATION = "coordination", _("Network coordination")
        ROLE_MODELS = "role_models", _("Deployment of role models")
        OTHER = "other", _("Other")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("municipality"),
    )
    responsibility = models.CharField(
        _("responsibility"), max_length=20, choices=Responsibility.choices
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("organisation"),
    )
    contact = models.ForeignKey(
        ContactPerson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("contact person"),
    )
    description = models.TextField(_("agreement"), blank=True)
    start_date = models.DateField(_("start date"), validators=plausible_date("long"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=plausible_date("long")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network agreement")
        verbose_name_plural = _("network agreements")
        ordering = ["municipality", "responsibility", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(contact__isnull=False),
                name="network_agreement_has_holder",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="network_agreement_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.get_responsibility_display()}"

    def clean(self):
        if not self.organisation_id and not self.contact_id:
            raise ValidationError(_("Choose the organisation or the person who holds this."))
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date lies before the start date.")})

    @property
    def holder(self):
        return self.organisation or self.contact

    @property
    def in_force(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


def agreements_in_force_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


class OrganisationRelation(models.Model):
    class Kind(models.TextChoices):
        COLLABORATES = "collaborates", _("collaborates with")
        REFERS = "refers", _("refers to")
        PART_OF = "part_of", _("is part of")

    source = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="relations_out",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("other organisation"),
    )

    class Meta:
        verbose_name = _("relation between organisations")
        verbose_name_plural = _("relations between organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="network_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="network_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"


class OrganisationPolicy(models.Model):
    """A partner organisation's own basis on polarisation and radicalisation."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="policy",
        verbose_name=_("organisation"),
    )
    has_vision = models.BooleanField(_("integral vision on polarisation and radicalisation"))
    vision_link = models.URLField(_("vision document (link)"), blank=True)
    vision_date = models.DateField(
        _("vision adopted on"), null=True, blank=True, validators=plausible_date("past")
    )
    working_method = models.TextField(
        _("working method for concerns about individuals"),
        blank=True,
        help_text=_("Empty: the organisation has no working method yet."),
    )
    tolerance_behaviour = models.TextField(_("tolerance limits: behaviour"), blank=True)
    tolerance_clothing = models.TextField(_("tolerance limits: clothing"), blank=True)
    tolerance_expressions = models.TextField(_("tolerance limits: verbal expressions"), blank=True)
    preventive_measures = models.TextField(_("preventive measures"), blank=True)
    role_preventing = models.BooleanField(_("role in preventing"), default=False)
    role_recognising = models.BooleanField(_("role in recognising"), default=False)
    role_signalling = models.BooleanField(_("role in signalling"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("policy of an organisation")
        verbose_name_plural = _("policies of organisations")

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        if self.vision_date and self.vision_date > timezone.localdate():
            raise ValidationError({"vision_date": _("This date lies in the future.")})

    @property
    def has_working_method(self) -> bool:
        return bool(self.working_method.strip())


# The handelingskader lives in its own module; its models belong to this app.
from network.interventions.models import (  # noqa: E402, F401
    Intervention,
    InterventionProvider,
    KnowledgeDocument,
    Mechanism,
    PolarisationForm,
    PracticeCategory,
    PracticeExample,
    SituationGuidance,
    TargetGroup,
)

# The relationship and request models live beside their code; importing them registers them.
from network.map_requests import MapRequest, MapRequestEvent  # noqa: E402, F401
from network.relationships import ContactMoment  # noqa: E402, F401
