from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import (
    Community,
    Intervention,
    Language,
    Municipality,
    Organisation,
    Theme,
)
from network.selectors import interventions_for_choice
from network.term_fields import TermChoiceField
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.uploads import image_reencoded
from polrad.validators import plausible_date
from polrad.widgets import FastSelect
from rolemodels.models import VOG_IN_FUTURE, Activity, RoleModel
from rolemodels.workflow import (
    ROLE_MODEL_TRACKS,
    TRAINING_REQUIRED,
    ActivityState,
    Stage,
    Track,
    allowed_moves,
)

MAX_PHOTO_BYTES = 2 * 1024 * 1024


def _active(model):
    return model.objects.filter(is_active=True)


def _vog_date_not_in_future(day):
    if day and day > timezone.localdate():
        raise ValidationError(VOG_IN_FUTURE)
    return day


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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].required = False

    def clean_track(self):
        return self.cleaned_data.get("track") or Track.ROLE_MODEL

    class Meta(CandidateForm.Meta):
        fields = [*CandidateForm.Meta.fields, "track", "story"]
        labels = {
            "motivation": _("Why do you nominate this person?"),
            "heard_via": _("How does this person know the network?"),
        }


def coach_choices(*, exclude=None):
    """Coordinators and experienced role models: those whose profile is active."""
    experienced = Q(groups__name=Role.ROLE_MODEL, role_model_profile__stage=Stage.ACTIVE)
    coaches = User.objects.filter(Q(groups__name=Role.COORDINATOR) | experienced, is_active=True)
    if exclude is not None:
        coaches = coaches.exclude(pk=exclude)  # nobody coaches themselves
    return coaches.distinct().order_by("full_name", "pk")


class ProfileForm(forms.ModelForm):
    """Everything about a role model that the coordinator keeps up to date."""

    class Meta:
        model = RoleModel
        fields = [
            "full_name",
            "email",
            "phone",
            "track",
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
            "photo",
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
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _active(Municipality)
        self.fields["communities"].queryset = _active(Community)
        self.fields["languages"].queryset = _active(Language)
        self.fields["themes"].queryset = _active(Theme)
        self.fields["coach"].queryset = coach_choices(exclude=self.instance.user_id)
        self.fields["track"].required = False

    def clean_track(self):
        return self.cleaned_data.get("track") or self.instance.track

    def clean_vog_date(self):
        return _vog_date_not_in_future(self.cleaned_data.get("vog_date"))

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return photo  # nothing new uploaded
        if photo.size > MAX_PHOTO_BYTES:
            raise ValidationError(_("The photo is larger than 2 MB. Choose a smaller one."))
        # Stored as the format it really is, under that extension, without its metadata.
        return image_reencoded(photo)


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
        validators=plausible_date("past"),
    )
    training_confirmed = forms.BooleanField(
        label=_("The role-model training has been completed"),
        required=False,
        help_text=_("Required to make someone an active role model."),
    )
    mentor_training_confirmed = forms.BooleanField(
        label=_("The mentor training has been completed"),
        required=False,
        help_text=_("Required to make someone an active mentor."),
    )

    def __init__(
        self, *args, role_model: RoleModel, training_status=None, mentor_status=None, **kwargs
    ):
        """`training_status` and `mentor_status` (rolemodels.selectors.TrainingStatus) decide
        whether a coordinator confirms a training by hand: only when the platform runs none."""
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s.value, s.label) for s in allowed_moves(role_model.stage)]
        if role_model.vog_date:
            self.fields["vog_date"].initial = role_model.vog_date
        asks_training = (role_model.stage, Stage.ACTIVE) in TRAINING_REQUIRED
        role_model_track = role_model.track in ROLE_MODEL_TRACKS
        if not (
            asks_training
            and role_model_track
            and training_status
            and training_status.needs_confirmation
        ):
            del self.fields["training_confirmed"]
        if not (asks_training and mentor_status and mentor_status.needs_confirmation):
            del self.fields["mentor_training_confirmed"]

    def clean_vog_date(self):
        return _vog_date_not_in_future(self.cleaned_data.get("vog_date"))


# --- activities ---------------------------------------------------------------------------

MAX_PARTICIPANTS = 2000
# Above this many possible hosts the picker offers a narrower list (see _hosts_offered).
MAX_HOST_OPTIONS = 300


def _offered_or_posted(queryset, data, field_name: str, offered: Q):
    """The options to show (`offered`), plus whatever was posted, which is then validated.

    A role model picks the host and co-presenters from a short list (their municipality,
    earlier choices); the national map has 20,000 organisations, too many for one list.
    """
    posted = [value for value in (data.getlist(field_name) if data else []) if value.isdigit()]
    return queryset.filter(offered | Q(pk__in=posted)).distinct()


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "date",
            "municipality",
            "venue_type",
            "venue",
            "host_organisation",
            "target_group",
            "participants",
            "themes",
            "co_presenters",
            "intervention",
            "description",
            "reflection",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "municipality": FastSelect,
            "host_organisation": FastSelect,
            "intervention": FastSelect,
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "themes": forms.CheckboxSelectMultiple,
            "co_presenters": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 2}),
            "reflection": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "venue": _("For example the name of the school or community centre."),
            "description": _("What the activity was about, in a sentence or two."),
        }
        error_messages = {
            "participants": {"invalid": _("Enter the number of participants as a number.")},
        }

    def __init__(self, *args, role_model: RoleModel, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        self.role_model = role_model
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("municipality", role_model.municipality_id)
        self.fields["municipality"].queryset = _active(Municipality)
        self.fields["themes"].queryset = _active(Theme)
        earlier = Activity.objects.filter(role_model=role_model)
        self.fields["host_organisation"].queryset = _offered_or_posted(
            Organisation.objects.filter(is_active=True).order_by("name", "pk"),
            data,
            "host_organisation",
            self._hosts_offered(data, earlier),
        )
        self.fields["host_organisation"].help_text = _(
            "Organisations serving the municipality of the activity and those you chose "
            "before. Not in the list? Leave it empty and name the venue."
        )
        self.fields["co_presenters"].queryset = _offered_or_posted(
            RoleModel.objects.filter(stage=Stage.ACTIVE).exclude(pk=role_model.pk),
            data,
            "co_presenters",
            Q(municipality=role_model.municipality_id) | Q(pk__in=earlier.values("co_presenters")),
        )
        self.fields["participants"].min_value = 1
        # An archived intervention the activity already names stays valid when it is edited.
        self.fields["intervention"].queryset = interventions_for_choice() | (
            Intervention.objects.filter(pk=self.instance.intervention_id).only("pk", "name", "kind")
        )

    def _hosts_offered(self, data, earlier) -> Q:
        """Hosts serving any municipality of the form's list, when that list is short enough.

        The page cannot know which municipality will be chosen, so in a province every
        organisation serving one of its municipalities is offered. On the national map (20,000
        organisations) that list would be too long for a phone: then the hosts of the
        activity's municipality, the home municipality and those where the role model gave
        activities before.
        """
        serving_any = Organisation.objects.filter(
            is_active=True, municipalities__in=self.fields["municipality"].queryset
        )
        chosen_before = Q(pk__in=earlier.values("host_organisation"))
        if len(serving_any.values_list("pk", flat=True).distinct()[: MAX_HOST_OPTIONS + 1]) <= (
            MAX_HOST_OPTIONS
        ):
            return Q(pk__in=serving_any.values("pk")) | chosen_before
        posted = data.get("municipality", "") if data else ""
        known = {self.role_model.municipality_id, self.instance.municipality_id}
        known |= {int(posted)} if posted.isdigit() else set()
        return (
            Q(municipalities__in=[pk for pk in known if pk])
            | Q(municipalities__in=earlier.values("municipality"))
            | chosen_before
        )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise ValidationError(
                _("This date is in the future. Log an activity after you have given it.")
            )
        return day

    def clean_participants(self):
        participants = self.cleaned_data["participants"]
        if not 1 <= participants <= MAX_PARTICIPANTS:
            raise ValidationError(
                _("Enter a number of participants between 1 and %(max)s.")
                % {"max": MAX_PARTICIPANTS}
            )
        return participants


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return to the role model"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or return the activity.")},
    )
    comment = forms.CharField(
        label=_("Comment for the role model"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when returning: say what needs to change."),
    )
    shareable = forms.BooleanField(
        label=_("The short description may be shared in reports"),
        required=False,
        help_text=_("Municipal reports then show it as a highlight; never the reflection."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what needs to change before returning the activity."))
        return cleaned


class BulkApproveForm(forms.Form):
    activities = forms.ModelMultipleChoiceField(
        queryset=Activity.objects.filter(state=ActivityState.SUBMITTED),
        error_messages={
            "required": _("Select at least one activity to approve."),
            "invalid_choice": _("One of the selected activities no longer awaits approval."),
            "invalid_pk_value": _("One of the selected activities does not exist."),
        },
    )


class MatchForm(forms.Form):
    # The lists come from the cache: the form costs no query until it is submitted.
    municipality = TermChoiceField(
        "municipalities",
        label=_("Municipality"),
        queryset=_active(Municipality),
        widget=FastSelect,
        error_messages={"required": _("Choose the municipality of the activity.")},
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the date of the activity.")},
        validators=plausible_date("planning"),
    )
    evening = forms.BooleanField(label=_("In the evening"), required=False)
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", "—"), *Activity.TargetGroup.choices],
        required=False,
    )
    language = TermChoiceField(
        "languages", label=_("Language"), queryset=_active(Language), required=False
    )
    theme = TermChoiceField("themes", label=_("Theme"), queryset=_active(Theme), required=False)
    community = TermChoiceField(
        "communities", label=_("Community"), queryset=_active(Community), required=False
    )


class ActivityInterventionForm(forms.Form):
    """A coordinator tags an activity with the intervention of the catalogue it delivered."""

    intervention = forms.ModelChoiceField(
        label=_("Intervention delivered"),
        queryset=Activity.objects.none(),
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = interventions_for_choice()
