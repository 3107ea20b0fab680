"""Forms of coaching: a coaching session with its follow-up actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainings.coaching.services import activities_to_discuss
from trainings.models import CoachingAction, CoachingSession

# Empty rows for follow-up actions; rows left empty are ignored.
ACTION_ROWS = 3


class CoachingSessionForm(forms.ModelForm):
    class Meta:
        model = CoachingSession
        fields = ["date", "topics", "confidential_notes", "activities"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "confidential_notes": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "topics": _("What you talked about. The role model sees this."),
            "activities": _("Activities of the last six months that you discussed."),
        }
        error_messages = {
            "topics": {"required": _("Say what the session was about.")},
            "date": {"required": _("Enter the date of the session.")},
        }

    def __init__(self, *args, role_model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        activities = activities_to_discuss(role_model)
        if not activities.exists():
            del self.fields["activities"]  # nothing to link: no empty list of options
            return
        self.fields["activities"].queryset = activities
        self.fields["activities"].error_messages["invalid_choice"] = _(
            "Choose activities of this role model only."
        )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("A coaching session cannot be logged for a date in the future.")
            )
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
