"""Forms of the handelingskader: every message Dutch (translated), nothing saved on error."""

import os

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from network.interventions.models import (
    ALLOWED_DOCUMENT_EXTENSIONS,
    Intervention,
    InterventionProvider,
    KnowledgeDocument,
    Mechanism,
    PolarisationForm,
    PracticeExample,
    SituationGuidance,
    TargetGroup,
)
from network.models import ContactPerson, NetworkAgreement, Organisation


def _current_or_chosen(model, instance, field):
    """Active terms plus those the record already has (so saving never drops them)."""
    chosen = getattr(instance, field).all() if instance.pk else model.objects.none()
    return model.objects.filter(is_active=True) | model.objects.filter(pk__in=chosen)


def _documents(instance, field="documents"):
    chosen = getattr(instance, field).all() if instance.pk else KnowledgeDocument.objects.none()
    return KnowledgeDocument.objects.filter(archived=False) | KnowledgeDocument.objects.filter(
        pk__in=chosen
    )


class InterventionForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Intervention
        fields = [
            "name",
            "summary",
            "kind",
            "category",
            "level",
            "forms",
            "mechanisms",
            "target_groups",
            "evidence_level",
            "evidence_source",
            "reason",
            "target_group_description",
            "goals",
            "approach",
            "preconditions",
            "transferability",
            "research",
            "duration",
            "costs",
            "documents",
            "is_public",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "forms": forms.CheckboxSelectMultiple,
            "mechanisms": forms.CheckboxSelectMultiple,
            "documents": forms.SelectMultiple(attrs={"size": 6}),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "reason",
                    "target_group_description",
                    "goals",
                    "approach",
                    "preconditions",
                    "transferability",
                    "research",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].queryset = _current_or_chosen(PolarisationForm, self.instance, "forms")
        self.fields["mechanisms"].queryset = _current_or_chosen(
            Mechanism, self.instance, "mechanisms"
        )
        self.fields["documents"].queryset = _documents(self.instance)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Intervention.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("An intervention with this name exists already."))
        return name

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("evidence_level")
        practice_only = level in (None, "", Intervention.EvidenceLevel.PRACTICE_EXAMPLE)
        if not practice_only and not cleaned.get("evidence_source"):
            self.add_error(
                "evidence_source",
                _("Name the source of this evidence level (publication or database)."),
            )
        return cleaned


class ProviderForm(forms.ModelForm):
    class Meta:
        model = InterventionProvider
        fields = ["organisation", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["contact"].queryset = ContactPerson.objects.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        organisation, contact = cleaned.get("organisation"), cleaned.get("contact")
        if organisation and contact and contact.organisation_id not in (None, organisation.pk):
            self.add_error(
                "contact", _("This person works for another organisation than the provider.")
            )
        return cleaned


ProviderFormSet = inlineformset_factory(
    Intervention,
    InterventionProvider,
    form=ProviderForm,
    extra=2,
    can_delete=True,
    error_messages={"unique": _("An organisation is listed once per intervention.")},
)


class PracticeExampleForm(forms.ModelForm):
    class Meta:
        model = PracticeExample
        fields = [
            "title",
            "intervention",
            "category",
            "municipality",
            "neighbourhood",
            "started_on",
            "ended_on",
            "organisations",
            "what_was_done",
            "results",
            "lessons",
            "contact",
            "is_draft",
        ]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "organisations": forms.SelectMultiple(attrs={"size": 6}),
            "what_was_done": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.intervention_id
        self.fields["intervention"].queryset = Intervention.objects.filter(
            archived=False
        ) | Intervention.objects.filter(pk=current)
        self.fields["organisations"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["contact"].queryset = ContactPerson.objects.filter(is_active=True)
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.filter(
            is_active=True
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("is_draft") and not cleaned.get("intervention"):
            self.add_error(
                "intervention", _("A published practice example names the intervention it used.")
            )
        return cleaned


class GuidanceForm(forms.ModelForm):
    responsibilities = forms.MultipleChoiceField(
        label=_("network agreements to show"),
        choices=NetworkAgreement.Responsibility.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The holders of these responsibilities are shown per municipality."),
    )

    class Meta:
        model = SituationGuidance
        fields = [
            "title",
            "situation",
            "first_steps",
            "whom_to_call",
            "responsibilities",
            "what_not_to_do",
            "forms",
            "interventions",
            "documents",
            "position",
            "is_public",
        ]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 3}),
            "first_steps": forms.Textarea(attrs={"rows": 4}),
            "whom_to_call": forms.Textarea(attrs={"rows": 3}),
            "what_not_to_do": forms.Textarea(attrs={"rows": 3}),
            "forms": forms.CheckboxSelectMultiple,
            "interventions": forms.SelectMultiple(attrs={"size": 8}),
            "documents": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].queryset = _current_or_chosen(PolarisationForm, self.instance, "forms")
        chosen = self.instance.interventions.all() if self.instance.pk else []
        self.fields["interventions"].queryset = Intervention.objects.filter(
            archived=False
        ) | Intervention.objects.filter(pk__in=[i.pk for i in chosen])
        self.fields["documents"].queryset = _documents(self.instance)


# The first bytes each kind of file starts with: a renamed executable is not a PDF.
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
MAGIC = {
    "pdf": (b"%PDF-",),
    "rtf": (b"{\\rtf",),
    **dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp"), _ZIP),
    **dict.fromkeys(("doc", "xls", "ppt"), _OLE),
}


def _content_matches(upload, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension in MAGIC:
        return head.startswith(MAGIC[extension])
    return b"\x00" not in head  # plain text


class DocumentForm(forms.ModelForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = KnowledgeDocument
        fields = [
            "title",
            "description",
            "kind",
            "audience",
            "version",
            "date",
            "language",
            "file",
            "link",
            "is_public",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # No "currently: <link>" to the media root: files are served through the download
            # view only, which checks access.
            "file": forms.FileInput,
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "size"):
            return upload
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension not in ALLOWED_DOCUMENT_EXTENSIONS:
            raise forms.ValidationError(
                _("Upload a PDF, Office, OpenDocument or text file (%(types)s).")
                % {"types": ", ".join(ALLOWED_DOCUMENT_EXTENSIONS)}
            )
        if not _content_matches(upload, extension):
            raise forms.ValidationError(
                _("The content of the file does not match its type (.%(extension)s).")
                % {"extension": extension}
            )
        if upload.size > settings.KNOWLEDGE_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s.")
                % {"size": filesizeformat(settings.KNOWLEDGE_MAX_UPLOAD_BYTES)}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file"))
        has_link = bool(cleaned.get("link"))
        if has_file == has_link and not self.errors.get("file"):
            self.add_error("link", _("Upload a file or give a link, not both and not neither."))
        return cleaned
