"""Forms of the trainings app: programmes, sessions, enrolment and attendance."""

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.models import KnowledgeDocument, Location, Municipality, Organisation
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.uploads import content_matches, image_reencoded
from polrad.widgets import FastSelect
from trainings.models import Module, Programme, Session
from trainings.services import seats_taken
from trainings.workflow import ATTENDED, Attendance

MAX_MATERIAL_BYTES = 20 * 1024 * 1024
MATERIAL_SUFFIXES = {".pdf", ".docx", ".pptx", ".xlsx", ".odt", ".odp", ".txt", ".jpg", ".png"}
# Venues offered on the session form when no municipality narrows them down, in the order
# of their label (address, postcode and city).
LOCATIONS_LISTED = 300
LOCATION_ORDER = ("city", "address", "pk")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def posted(request):
    """The data to bind a form to: the POST, also when empty (an empty form is still checked)."""
    return request.POST if request.method == "POST" else None


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "audience",
            "description",
            "learning_goals",
            "required_sessions",
            "gives_certificate",
            "validity_months",
            "qualifies_role_models",
            "qualifies_mentors",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "learning_goals": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        # The certificate is what lets a candidate become an active role model.
        qualifies = data.get("qualifies_role_models") or data.get("qualifies_mentors")
        if qualifies and not data.get("gives_certificate"):
            self.add_error(
                "gives_certificate",
                _(
                    "A role-model training must yield a certificate: "
                    "without one, nobody can become an active role model."
                ),
            )
        return data


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ["order", "title", "materials", "file", "documents"]
        widgets = {
            "materials": forms.Textarea(attrs={"rows": 6}),
            "documents": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Current documents, and any archived one the module already links to.
        chosen = Q(pk__in=self.instance.documents.all()) if self.instance.pk else Q()
        self.fields["documents"].queryset = KnowledgeDocument.objects.filter(
            Q(archived=False) | chosen
        ).order_by("title", "pk")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # nothing new uploaded
        if upload.size > MAX_MATERIAL_BYTES:
            raise ValidationError(_("The file is too large; the limit is 20 MB."))
        suffix = Path(upload.name).suffix.lower()
        if suffix not in MATERIAL_SUFFIXES:
            raise ValidationError(
                _("Upload a PDF, Word, PowerPoint, Excel, OpenDocument, text or image file.")
            )
        if suffix in (".jpg", ".png"):
            return image_reencoded(upload)  # stored under the format it really is
        if not content_matches(upload, suffix.lstrip(".")):
            raise ValidationError(
                _("The content of the file does not match its type (%(suffix)s).")
                % {"suffix": suffix}
            )
        return upload


def trainer_choices():
    return User.objects.filter(is_active=True, groups__name__in=[Role.COORDINATOR, Role.ROLE_MODEL])


class SessionForm(forms.ModelForm):
    online_url = forms.URLField(
        label=Session._meta.get_field("online_url").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Session
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "municipality",
            "location",
            "venue",
            "online_url",
            "trainers",
            "capacity",
            "modules",
        ]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "municipality": FastSelect,
            "location": FastSelect,
            "modules": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["title"].help_text = _("Leave empty to use the name of the programme.")
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)
        self.fields["location"].queryset = self._locations()
        if not self._municipality_id():
            self.fields["location"].help_text = _(
                "Only the first %(count)d venues are listed: choose the municipality and save "
                "to see the venues there."
            ) % {"count": LOCATIONS_LISTED}
        self.fields["trainers"].queryset = trainer_choices().distinct().order_by("full_name")
        self.fields["modules"].queryset = programme.modules.order_by("order", "pk")
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _posted_id(self, name: str) -> int | None:
        value = str(self.data.get(self.add_prefix(name)) or "")
        return int(value) if value.isdigit() and int(value) < 2**63 else None

    def _municipality_id(self) -> int | None:
        return self._posted_id("municipality") if self.is_bound else self.instance.municipality_id

    def _locations(self):
        """The venues in the session's municipality, else the first few hundred; and the one
        chosen, so any venue of the social map stays valid."""
        municipality_id = self._municipality_id()
        if municipality_id:
            offered = Q(municipality_id=municipality_id)
        else:
            first = Location.objects.order_by(*LOCATION_ORDER).values("pk")
            offered = Q(pk__in=first[:LOCATIONS_LISTED])
        chosen = self._posted_id("location") if self.is_bound else self.instance.location_id
        if chosen:
            offered |= Q(pk=chosen)
        return Location.objects.filter(offered).order_by(*LOCATION_ORDER)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        capacity = data.get("capacity")
        if self.instance.pk and capacity and capacity < (taken := seats_taken(self.instance)):
            self.add_error(
                "capacity",
                _("%(count)d people already hold a seat; the capacity cannot be lower.")
                % {"count": taken},
            )
        if not (data.get("location") or data.get("venue") or data.get("online_url")):
            raise ValidationError(
                _("Say where the session is held: a venue from the social map, a venue, or a link.")
            )
        return data


class EnrolSomeoneForm(forms.Form):
    """A coordinator enrols someone by email: with their account if there is one, else as an
    external participant by name. No list of every member: at national scale it has 57,000."""

    email = forms.EmailField(
        label=_("Email"),
        help_text=_("A member with an account on this address is enrolled with that account."),
    )
    full_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Needed for someone without an account."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=FastSelect,
        help_text=_("The organisations that serve the municipality of the session."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality where they work"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        if session.municipality_id:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                is_active=True, municipalities=session.municipality_id
            ).order_by("name", "pk")
        else:
            del self.fields["organisation"]  # nothing bounded to offer
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if not email:
            return data
        data["user"] = User.objects.filter(email=email.strip().lower(), is_active=True).first()
        if data["user"] is not None:
            data["full_name"], data["email"] = data["user"].full_name, data["user"].email
        elif not data.get("full_name"):
            self.add_error(
                "full_name", _("Nobody has an account on this address: fill in their name.")
            )
        return data


class WalkInForm(EnrolSomeoneForm):
    """A trainer records someone who was at the session without a seat."""

    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=[(value, label) for value, label in Attendance.choices if value in ATTENDED],
        initial=Attendance.PRESENT,
        widget=forms.RadioSelect,
    )


class SelfEnrolForm(forms.Form):
    """A member enrols themselves; where they work counts in the figures per municipality."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality where you work (optional)"),
        help_text=_("Counted in the figures of trainings per municipality."),
        queryset=Municipality.objects.none(),
        required=False,
        widget=FastSelect(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown at the session"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class AttendanceForm(forms.Form):
    """One choice of present, late, excused or absent per participant, saved at once."""

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = list(enrolments)
        for enrolment in self.enrolments:
            self.fields[self.field_name(enrolment)] = forms.ChoiceField(
                label=enrolment.full_name,
                choices=Attendance.choices,
                required=False,
                initial=enrolment.attendance or None,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(enrolment) -> str:
        return f"attendance_{enrolment.pk}"

    def rows(self):
        return [(enrolment, self[self.field_name(enrolment)]) for enrolment in self.enrolments]

    def marks(self) -> dict[int, str]:
        """Enrolment id → attendance, for the participants that were marked."""
        return {
            enrolment.pk: self.cleaned_data[self.field_name(enrolment)]
            for enrolment in self.enrolments
            if self.cleaned_data.get(self.field_name(enrolment))
        }
