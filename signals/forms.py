from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from network.models import Municipality, Organisation
from network.selectors import intervention_choices, interventions_for_choice, providers_of
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.validators import plausible_date
from polrad.widgets import FastSelect, FastSelectMultiple
from signals.models import CaseConference, Category, Concern
from signals.workflow import Outcome, State, chosen_transitions, may_record

MAX_TEXT = 5000
ADULT_BRACKETS = frozenset({Concern.AgeBracket.YOUNG_ADULT, Concern.AgeBracket.ADULT})
MAX_PERSONS = 1000
NAMES_WARNING = _(
    "Do not write names or other details that identify people here; describe what you saw."
)


class ConcernForm(forms.ModelForm):
    """What a professional reports: minimal, and names only in the separate field."""

    class Meta:
        model = Concern
        fields = [
            "category",
            "observed",
            "observed_on",
            "municipality",
            "neighbourhood",
            "setting",
            "platform",
            "people_count",
            "age_bracket",
            "minors_involved",
            "persons_involved",
            "reporter_organisation",
            "reporter_contact",
            "urgency",
        ]
        widgets = {
            "municipality": FastSelect,
            "observed": forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT}),
            "observed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "persons_involved": forms.Textarea(attrs={"rows": 2, "maxlength": MAX_PERSONS}),
            "people_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "urgency": forms.RadioSelect,
        }
        labels = {
            "observed": _("What did you see or hear?"),
            "observed_on": _("When was it?"),
            "minors_involved": _("Minors (under 18) are involved"),
            "persons_involved": _("Names of people involved (only if essential)"),
        }
        help_texts = {
            "observed": NAMES_WARNING,
            "platform": _("Only for online: for example TikTok, Telegram or a game chat."),
            "persons_involved": _(
                "Leave empty unless the handler cannot act without them. Only the handler "
                "assigned to your report can read this field."
            ),
            "reporter_contact": _("A phone number or address where the handler can reach you."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)
        self.fields["observed"].required = True
        self.fields["observed"].max_length = MAX_TEXT
        self.fields["urgency"].choices = Concern.Urgency.choices
        # The model allows 0 and unbounded text; a report does not.
        self.fields["people_count"].validators.append(MinValueValidator(1))
        self.fields["persons_involved"].max_length = MAX_PERSONS
        self.fields["persons_involved"].validators.append(MaxLengthValidator(MAX_PERSONS))

    def clean_observed_on(self):
        day = self.cleaned_data.get("observed_on")
        if day and day > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return day

    def clean_observed(self):
        text = self.cleaned_data["observed"].strip()
        if len(text) > MAX_TEXT:
            raise ValidationError(
                _("Keep it under %(max)s characters; the handler will ask for more.")
                % {"max": formats.number_format(MAX_TEXT, force_grouping=True)}
            )
        return text

    def review_rows(self) -> list[tuple[str, str]]:
        """What the reporter filled in, as label and readable value, for the review step."""
        rows = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", False):
                continue
            if value is True:
                value = _("Yes")
            elif hasattr(field, "choices") and not hasattr(field, "queryset"):
                value = dict(field.choices).get(value, value)
            elif hasattr(value, "strftime"):
                value = formats.date_format(value, "j F Y")
            rows.append((str(field.label), str(value)))
        return rows

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("setting") == Concern.Setting.ONLINE and not cleaned.get("platform"):
            self.add_error("platform", _("Say on which platform you saw it."))
        # One person cannot be both 18 or older and a minor; with more people the ages may
        # differ (the reporter should then choose "different ages"): a hint, not a refusal.
        if self._adults_with_minors() and cleaned.get("people_count") == 1:
            self.add_error(
                "minors_involved",
                _(
                    "You report one person of 18 or older and also that minors are involved. "
                    "Correct the age or the number of people."
                ),
            )
        return cleaned

    def _adults_with_minors(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("age_bracket") in ADULT_BRACKETS and bool(data.get("minors_involved"))

    def hints(self) -> list[str]:
        """What looks odd but may be right: shown on the review step, sending stays possible."""
        if self._adults_with_minors():
            return [
                _(
                    "You chose the age “%(age)s” and also that minors are involved. If people "
                    "of different ages are involved, choose “%(mixed)s” as the age."
                )
                % {
                    "age": Concern.AgeBracket(self.cleaned_data["age_bracket"]).label,
                    "mixed": Concern.AgeBracket.MIXED.label,
                }
            ]
        return []


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New state"),
        error_messages={
            "invalid_choice": _("This step is not possible from the current state."),
            "required": _("Choose the new state."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when reopening."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False
    )
    outcome_text = forms.CharField(
        label=_("Explanation of the outcome"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when closing."),
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        super().__init__(*args, **kwargs)
        # Case conference and referral are recorded with their own forms, which move it there.
        self.fields["to"].choices = [(s.value, s.label) for s in chosen_transitions(concern.state)]
        if State.CLOSED not in chosen_transitions(concern.state):
            del self.fields["outcome"], self.fields["outcome_text"]


class NoteForm(forms.Form):
    prefix = "note"  # several forms share one page: unique field ids

    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write something first.")},
    )
    to_reporter = forms.BooleanField(
        label=_("Send to the reporter"),
        required=False,
        help_text=_(
            "Without this it is an internal note for handlers only. The reporter sees a message "
            "on their page and gets an email without its text."
        ),
    )


class RetainForm(forms.Form):
    prefix = "retain"  # several forms share one page: unique field ids

    until = forms.DateField(
        label=_("Keep until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choose until when the concern is kept.")},
        validators=plausible_date("long"),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for keeping the concern longer.")},
    )


def handlers_of(concern: Concern):
    """Active handlers of the concern's municipality."""
    return User.objects.filter(
        is_active=True, groups__name=Role.HANDLER, municipalities=concern.municipality_id
    ).order_by("full_name")


def _partners_of(concern: Concern):
    """Organisations of the social map that serve the concern's municipality."""
    return Organisation.objects.filter(
        is_active=True, municipalities=concern.municipality_id
    ).order_by("name", "pk")


def _referral_choices(concern: Concern):
    """Active organisations serving the municipality, and the providers of the interventions
    the case conferences chose: these first (`first` = 0); `serves` tells the former."""
    suggested = providers_of(
        CaseConference.interventions.through.objects.filter(caseconference__concern=concern).values(
            "intervention_id"
        )
    )
    serves = Organisation.municipalities.through.objects.filter(
        organisation=OuterRef("pk"), municipality=concern.municipality_id
    )
    return (
        Organisation.objects.filter(is_active=True)
        .filter(Q(Exists(serves)) | Q(pk__in=suggested))
        .annotate(first=Case(When(pk__in=suggested, then=0), default=1), serves=Exists(serves))
        .order_by("first", "name", "pk")
    )


def _option_rows(concern: Concern, *, handlers: bool, organisations: bool) -> dict:
    """The handlers and organisations a concern's forms offer, in one query:
    {"handler": [(id, label, first, serves)], "organisation": [...]}."""
    parts = []
    if handlers:
        name = Coalesce(NullIf("full_name", Value("")), "email", output_field=CharField())
        parts.append(
            handlers_of(concern)
            .annotate(option=Value("handler"), label=name, first=Value(1), serves=Value(True))
            .values_list("option", "pk", "label", "first", "serves")
            .order_by()
        )
    if organisations:
        parts.append(
            _referral_choices(concern)
            .annotate(option=Value("organisation"), label=F("name"))
            .values_list("option", "pk", "label", "first", "serves")
            .order_by()
        )
    rows = {"handler": [], "organisation": []}
    if parts:
        everything = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for kind, *row in everything.order_by("option", "first", "label", "pk"):
            rows[kind].append(row)
    return rows


def _fixed_choices(field, rows) -> None:
    """Options from rows loaded once for the page (validation still asks the field's
    queryset)."""
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = empty + [(pk, label) for pk, label in rows]


def casework_forms(concern: Concern) -> dict:
    """The empty forms of a concern's page, their option lists loaded in one query for all
    of them (the handlers for assigning and for actions, the organisations for the case
    conference and the referral) and the interventions from the cache."""
    conference = may_record(concern.state, State.CASE_CONFERENCE)
    referral = may_record(concern.state, State.REFERRED)
    forms = {
        "conference_form": ConferenceForm(concern=concern) if conference else None,
        "action_form": ActionForm(concern=concern) if concern.is_open else None,
        "assign_form": AssignForm(concern=concern) if concern.is_open else None,
        "referral_form": ReferralForm(concern=concern) if referral else None,
    }
    rows = _option_rows(concern, handlers=concern.is_open, organisations=conference or referral)
    handlers = [(pk, label) for pk, label, _first, _serves in rows["handler"]]
    if concern.is_open:
        _fixed_choices(forms["action_form"].fields["owner"], handlers)
        _fixed_choices(forms["assign_form"].fields["handler"], handlers)
    if referral:
        note = _("provider of a chosen intervention")
        _fixed_choices(
            forms["referral_form"].fields["organisation"],
            [
                (pk, f"{label} ({note})" if first == 0 else label)
                for pk, label, first, _serves in rows["organisation"]
            ],
        )
    if conference:
        partners = [(pk, label) for pk, label, _first, serves in rows["organisation"] if serves]
        fields = forms["conference_form"].fields
        _fixed_choices(fields["organisations"], sorted(partners, key=lambda p: (p[1], p[0])))
        fields["interventions"].choices = intervention_choices()
    return forms


class ConferenceForm(forms.Form):
    prefix = "conference"  # several forms share one page: unique field ids

    held_on = forms.DateField(
        label=_("Date of the case conference"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=plausible_date("recent"),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Attending organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interventions = forms.ModelMultipleChoiceField(
        label=_("Interventions decided on"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=FastSelectMultiple(attrs={"size": 6}),
        help_text=_("From the catalogue of interventions; hold Ctrl or Cmd to choose several."),
    )
    decisions = forms.CharField(
        label=_("Decisions"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = _partners_of(concern)
        self.fields["interventions"].queryset = interventions_for_choice()

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Record a case conference after it was held."))
        return day


class ActionForm(forms.Form):
    prefix = "action"  # several forms share one page: unique field ids

    description = forms.CharField(label=_("Action"), max_length=1000)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(
        label=_("Due"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=plausible_date("planning"),
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = handlers_of(concern)


class ReferralForm(forms.Form):
    prefix = "referral"  # several forms share one page: unique field ids

    organisation = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    shared = forms.CharField(
        label=_("What is shared with them"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Share only what the partner needs to act."),
    )
    reason = forms.CharField(
        label=_("Why this is shared"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        super().__init__(*args, **kwargs)
        # Providers of the interventions the case conferences chose come first, marked.
        field = self.fields["organisation"]
        field.queryset = _referral_choices(concern)
        note = _("provider of a chosen intervention")
        field.label_from_instance = lambda o: f"{o.name} ({note})" if o.first == 0 else o.name
        field.help_text = _(
            "Providers of the interventions chosen in a case conference come first."
        )


class FiguresForm(forms.Form):
    """A municipality in scope and a whole year or quarter that has ended."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All my municipalities"),
        widget=FastSelect,  # a coordinator chooses among all 342 municipalities
    )
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args, municipalities, periods: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.periods = {p.key: p for group in periods.values() for p in group}
        self.fields["period"].choices = [
            (_("Years"), [(p.key, p.key) for p in periods["years"]]),
            (_("Quarters"), [(p.key, p.key.replace("-", " ")) for p in periods["quarters"]]),
        ]

    def clean_period(self):
        return self.periods[self.cleaned_data["period"]]


class AssignForm(forms.Form):
    prefix = "assign"

    handler = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args, concern: Concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers_of(concern)
