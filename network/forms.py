from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.map_requests import MapRequest
from network.models import (
    ContactPerson,
    Location,
    NetworkAgreement,
    Organisation,
    OrganisationPolicy,
    OrganisationRelation,
)
from network.relationships import ContactMoment
from polrad.accounts.roles import ASSIGNABLE_BY, Role
from polrad.widgets import FastSelect

POSTCODE_HELP = _("Dutch postcode, for example 9711 LM.")


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "description",
            "domains",
            "themes",
            "contributions",
            "municipalities",
            "website",
            "email",
            "phone",
            "is_partner",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "domains": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "contributions": forms.CheckboxSelectMultiple,
            "municipalities": forms.SelectMultiple(attrs={"size": 8}),
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "address", "postal_code", "city", "municipality", "latitude", "longitude"]
        help_texts = {"postal_code": POSTCODE_HELP}

    def clean_postal_code(self):
        from network.services import normalise_postcode

        value = normalise_postcode(self.cleaned_data["postal_code"])
        if value is None:
            raise forms.ValidationError(_("Enter a Dutch postcode: four digits and two letters."))
        return value


LocationFormSet = inlineformset_factory(
    Organisation, Location, form=LocationForm, extra=1, can_delete=True
)


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = [
            "full_name",
            "organisation",
            "function",
            "kind",
            "phone",
            "email",
            "languages",
            "communities",
            "domains",
            "municipalities",
            "consent_date",
            "consent_pool_contact",
            "coordinator_notes",
        ]
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "communities": forms.CheckboxSelectMultiple,
            "domains": forms.CheckboxSelectMultiple,
            "municipalities": forms.SelectMultiple(attrs={"size": 8}),
            "consent_date": forms.DateInput(attrs={"type": "date"}),
            "coordinator_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = ContactPerson.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(
                _("Somebody with this email address is on the map already."), code="duplicate"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ContactPerson.Kind.KEY_FIGURE and not cleaned.get("consent_date"):
            self.add_error(
                "consent_date",
                _("A key figure is on the map only with their consent: enter its date."),
            )
        if cleaned.get("consent_pool_contact") and not cleaned.get("consent_date"):
            self.add_error(
                "consent_date",
                _("Record the date of the consent before sharing with role models and mentors."),
            )
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("email", _("Enter a phone number or an email address."))
        return cleaned


class AgreementForm(forms.ModelForm):
    class Meta:
        model = NetworkAgreement
        fields = [
            "municipality",
            "responsibility",
            "organisation",
            "contact",
            "description",
            "start_date",
            "end_date",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["contact"].queryset = ContactPerson.objects.filter(is_active=True)


class RelationForm(forms.ModelForm):
    class Meta:
        model = OrganisationRelation
        fields = ["kind", "target"]

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.source = source
        self.fields["target"].queryset = Organisation.objects.filter(is_active=True).exclude(
            pk=source.pk
        )

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error(None, _("This relation exists already."))


class OrganisationPolicyForm(forms.ModelForm):
    """A partner's own basis: vision, working method, tolerance limits, measures, role."""

    vision_link = forms.URLField(
        label=_("vision document (link)"), required=False, assume_scheme="https"
    )

    class Meta:
        model = OrganisationPolicy
        fields = [
            "has_vision",
            "vision_link",
            "vision_date",
            "working_method",
            "tolerance_behaviour",
            "tolerance_clothing",
            "tolerance_expressions",
            "preventive_measures",
            "role_preventing",
            "role_recognising",
            "role_signalling",
        ]
        widgets = {"vision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("has_vision") and (
            cleaned.get("vision_link") or cleaned.get("vision_date")
        ):
            self.add_error("has_vision", _("Tick this when the organisation has a vision."))
        return cleaned


class ContactMomentForm(forms.ModelForm):
    class Meta:
        model = ContactMoment
        fields = ["date", "channel", "topic", "follow_up"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "date": {
                "required": _("Enter the date of the contact."),
                "invalid": _("Enter a date."),
            },
            "channel": {"required": _("Choose how you were in touch.")},
            "topic": {"required": _("Say in a few words what it was about.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of a contact cannot be in the future."))
        return day


class MapRequestForm(forms.ModelForm):
    """Anyone may ask for a municipality's social map; a coordinator answers."""

    class Meta:
        model = MapRequest
        fields = ["full_name", "email", "organisation", "municipality", "purpose"]
        labels = {
            "full_name": _("Your name"),
            "email": _("Your email address"),
            "organisation": _("Your organisation"),
            "municipality": _("The municipality whose map you would like"),
            "purpose": _("What would you like to use the map for?"),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "municipality": FastSelect,
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "purpose": {"required": _("Tell us in a few words what you need the map for.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.filter(
            is_active=True
        )

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


# The roles a requester may be invited to: they work with the map, they do not run it.
INVITABLE_ROLES = (Role.PROFESSIONAL, Role.MUNICIPAL)


class MapRequestInviteForm(forms.Form):
    role = forms.ChoiceField(label=_("Invite as"), choices=(), widget=forms.RadioSelect)

    def __init__(self, *args, inviter, **kwargs):
        super().__init__(*args, **kwargs)
        assignable = {role for own in inviter.roles for role in ASSIGNABLE_BY.get(own, [])}
        self.fields["role"].choices = [
            (r.value, r.label) for r in INVITABLE_ROLES if r in assignable
        ]
        self.initial.setdefault("role", Role.PROFESSIONAL.value)


class MapRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the requester reads it)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you decline: the requester reads it.")},
    )

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()
