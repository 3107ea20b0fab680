from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.validators import plausible_date
from polrad.widgets import FastSelect
from rolemodels.mentoring.models import (
    Meeting,
    MeetingTopic,
    Mentorship,
    MentorshipGoal,
    MentorshipOutcome,
)
from rolemodels.mentoring.pseudonyms import validate_pseudonym
from rolemodels.mentoring.selectors import active_mentors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MentorshipForm(forms.ModelForm):
    """A coordinator opens a mentorship: the mentee described minimally."""

    class Meta:
        model = Mentorship
        fields = [
            "mentor",
            "pseudonym",
            "age_band",
            "municipality",
            "started_via",
            "goals",
            "start_date",
        ]
        widgets = {
            "mentor": FastSelect,
            "municipality": FastSelect,
            "goals": forms.CheckboxSelectMultiple,
            "start_date": DATE,
            "pseudonym": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        error_messages = {
            "pseudonym": {"required": _("Choose a pseudonym for the mentee.")},
            "mentor": {"required": _("Choose the mentor.")},
            "start_date": {"invalid": _("Enter the start as a date.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = active_mentors().order_by("full_name", "pk")
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)
        self.fields["goals"].queryset = MentorshipGoal.objects.filter(is_active=True)
        self.fields["pseudonym"].validators.append(validate_pseudonym)
        self.initial.setdefault("start_date", timezone.localdate())

    def clean_pseudonym(self):
        return " ".join(self.cleaned_data["pseudonym"].split())


class HandOverForm(forms.Form):
    to = forms.ModelChoiceField(
        label=_("New mentor"),
        queryset=None,
        widget=FastSelect,
        error_messages={"required": _("Choose the new mentor.")},
    )

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = (
            active_mentors().exclude(pk=mentorship.mentor_id).order_by("full_name", "pk")
        )


class EndForm(forms.Form):
    end_date = forms.DateField(
        label=_("End"),
        widget=DATE,
        validators=plausible_date("recent"),
        error_messages={
            "required": _("Enter the end date."),
            "invalid": _("Enter the end as a date."),
        },
    )
    outcome = forms.ModelChoiceField(
        label=_("Outcome"),
        queryset=MentorshipOutcome.objects.filter(is_active=True),
        error_messages={"required": _("Choose the outcome of the mentorship.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("end_date", timezone.localdate())


class MeetingForm(forms.ModelForm):
    """Logged from a phone: a date, how long, what kind, topics ticked, one short note."""

    class Meta:
        model = Meeting
        fields = ["date", "duration_minutes", "kind", "topics", "note"]
        widgets = {
            "date": DATE,
            "duration_minutes": forms.NumberInput(
                attrs={"inputmode": "numeric", "min": 5, "step": 5}
            ),
            "kind": forms.RadioSelect,
            "topics": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }
        error_messages = {
            "duration_minutes": {
                "required": _("Enter how long the meeting took, in minutes."),
                "invalid": _("Enter the duration as a number of minutes."),
            },
            "kind": {"required": _("Choose the kind of meeting.")},
            "date": {"invalid": _("Enter the date as a date.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = MeetingTopic.objects.filter(is_active=True)
        self.fields["kind"].choices = Meeting.Kind.choices
        self.initial.setdefault("date", timezone.localdate())
        self.initial.setdefault("duration_minutes", 60)
        self.initial.setdefault("kind", Meeting.Kind.ONE_TO_ONE)

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 1 <= minutes <= 600:
            raise forms.ValidationError(_("Enter a duration between 1 and 600 minutes."))
        return minutes

    def clean_note(self):
        return (self.cleaned_data.get("note") or "").strip()
