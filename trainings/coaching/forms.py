"""Forms of coaching: a coaching session with its follow-up actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainings.coaching.services import activities_to_discuss, mentorships_to_discuss
from trainings.models import CoachingAction, CoachingSession

# Empty rows for follow-up actions; rows left empty are ignored.
ACTION_ROWS = 3


class CoachingSessionForm(forms.ModelForm):
    class Meta:
        model = CoachingSession
        fields = [
            "date",
            "topics",
            "confidential_notes",
            "activities",
            "mentorships",
            "next_session_on",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "confidential_notes": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.CheckboxSelectMultiple,
            "mentorships": forms.CheckboxSelectMultiple,
            "next_session_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "topics": _("What you talked about. The role model sees this."),
            "activities": _("Activities of the last six months that you discussed."),
            "mentorships": _("Mentorships of this mentor that you discussed."),
        }
        error_messages = {
            "topics": {"required": _("Say what the session was about.")},
            "date": {"required": _("Enter the date of the session.")},
        }

    def __init__(self, *args, role_model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self._offer(
            "activities",
            activities_to_discuss(role_model),
            _("Choose activities of this role model only."),
        )
        self._offer(
            "mentorships",
            mentorships_to_discuss(role_model),
            _("Choose mentorships of this mentor only."),
        )

    def _offer(self, name, choices, refusal):
        """Offer only the role model's own things, and no empty list of options."""
        if not choices.exists():
            del self.fields[name]
            return
        self.fields[name].queryset = choices
        self.fields[name].error_messages["invalid_choice"] = refusal

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("A coaching session cannot be logged for a date in the future.")
            )
        return day

    def clean_next_session_on(self):
        day = self.cleaned_data["next_session_on"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The next session cannot be planned in the past."))
        return day


class ActionForm(forms.ModelForm):
    class Meta:
        model = CoachingAction
        fields = ["description", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"description": _("Follow-up action"), "due_date": _("Due date")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("description") and not cleaned.get("due_date"):
            self.add_error("due_date", _("Give the action a due date."))
        if cleaned.get("due_date") and not cleaned.get("description"):
            self.add_error("description", _("Describe the action, or clear its due date."))
        return cleaned


ActionFormSet = forms.formset_factory(ActionForm, extra=ACTION_ROWS, max_num=10, validate_max=True)


def actions_of(formset) -> list[tuple]:
    """The (description, due date) of the rows that were filled in."""
    return [
        (form.cleaned_data["description"], form.cleaned_data["due_date"])
        for form in formset
        if form.cleaned_data.get("description")
    ]
