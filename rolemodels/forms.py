from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Community, Language, Municipality, Theme
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.widgets import FastSelect
from rolemodels.models import RoleModel
from rolemodels.workflow import Stage, allowed_moves

# The honeypot: hidden from people by CSS, filled in by robots that fill in every field.
HONEYPOT = "website"


def _active(model):
    return model.objects.filter(is_active=True)


class CandidateForm(forms.ModelForm):
    """The fields a candidate (or the partner who nominates them) fills in."""

    class Meta:
        model = RoleModel
        fields = [
            "full_name",
            "email",
            "phone",
            "municipality",
            "communities",
            "languages",
            "motivation",
            "heard_via",
        ]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "municipality": FastSelect,
            "communities": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "motivation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _active(Municipality)
        self.fields["communities"].queryset = _active(Community)
        self.fields["languages"].queryset = _active(Language)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())


class ApplicationForm(CandidateForm):
    consent = forms.BooleanField(
        label=_("I agree that the network stores and uses my details for the recruitment."),
        help_text=_(
            "We use your details only to get in touch with you about becoming a role model. "
            "Only the network coordinators see them. If you do not become a role model, we "
            "delete them within a year. You can ask us to delete them at any time."
        ),
        error_messages={"required": _("We can only process your application with your consent.")},
    )

    class Meta(CandidateForm.Meta):
        labels = {
            "full_name": _("Your name"),
            "email": _("Your email address"),
            "phone": _("Your phone number"),
            "municipality": _("The municipality where you live"),
            "communities": _("Communities you are part of"),
            "languages": _("Languages you speak"),
            "motivation": _("Why would you like to become a role model?"),
            "heard_via": _("How did you hear about us?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motivation"].required = True
        self.fields["phone"].required = True


class NominationForm(CandidateForm):
    class Meta(CandidateForm.Meta):
        fields = [*CandidateForm.Meta.fields, "story"]
        labels = {
            "motivation": _("Why do you nominate this person?"),
            "heard_via": _("How does this person know the network?"),
        }


class ProfileForm(forms.ModelForm):
    """Everything about a role model that the coordinator keeps up to date."""

    class Meta:
        model = RoleModel
        fields = [
            "full_name",
            "email",
            "phone",
            "municipality",
            "region",
            "communities",
            "languages",
            "themes",
            "story",
            "motivation",
            "available_weekdays",
            "available_evenings",
            "available_weekends",
            "max_activities_per_month",
            "coach",
            "consent_date",
            "vog_date",
        ]
        widgets = {
            "municipality": FastSelect,
            "communities": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "story": forms.Textarea(attrs={"rows": 4}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
            "consent_date": forms.DateInput(attrs={"type": "date"}),
            "vog_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _active(Municipality)
        self.fields["communities"].queryset = _active(Community)
        self.fields["languages"].queryset = _active(Language)
        self.fields["themes"].queryset = _active(Theme)
        self.fields["coach"].queryset = User.objects.filter(
            is_active=True, groups__name=Role.COORDINATOR
        )


class OwnProfileForm(forms.ModelForm):
    """What a role model keeps up to date themselves: how to reach them and when."""

    class Meta:
        model = RoleModel
        fields = [
            "phone",
            "available_weekdays",
            "available_evenings",
            "available_weekends",
            "max_activities_per_month",
        ]
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New stage"),
        error_messages={
            "invalid_choice": _("This step is not possible from the current stage."),
            "required": _("Choose the new stage."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when declining, pausing or stopping."),
    )
    vog_date = forms.DateField(
        label=_("Date of the certificate of conduct (VOG)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    training_confirmed = forms.BooleanField(
        label=_("The role-model training has been completed"),
        required=False,
        help_text=_("Required to make someone an active role model."),
    )

    def __init__(self, *args, role_model: RoleModel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s.value, s.label) for s in allowed_moves(role_model.stage)]
        if role_model.vog_date:
            self.fields["vog_date"].initial = role_model.vog_date
        if Stage.ACTIVE not in allowed_moves(role_model.stage):
            del self.fields["training_confirmed"]
