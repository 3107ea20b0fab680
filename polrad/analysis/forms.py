"""Forms of analyses, actions and basis op orde: each says in Dutch what is wrong."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.models import Community, Domain, Intervention, PolarisationForm
from network.selectors import contacts_in, interventions_offered_in, organisations_in
from polrad.accounts.models import User
from polrad.analysis.models import (
    NO_NAMES,
    Action,
    Analysis,
    Participant,
    PreconditionList,
    VisionDocument,
)
from polrad.analysis.workflow import TICKED_STEPS, PreconditionStatus, Step, Verdict
from polrad.validators import count, plausible_date

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEARS_BACK = 5
YEARS_AHEAD = 5
# More versions of a checklist or precondition list than any hidden field can mean.
VERSIONS = 10_000


def date_in_range(day: date | None, *, back: int = YEARS_BACK, ahead: int = YEARS_AHEAD):
    """Refuse far or impossible dates: more than `back` years ago or `ahead` years ahead."""
    if day is None:
        return day
    today = timezone.localdate()
    if day < today - relativedelta(years=back):
        raise ValidationError(
            _("This date lies more than %(years)s years in the past.") % {"years": back}
        )
    if day > today + relativedelta(years=ahead):
        raise ValidationError(
            _("This date lies more than %(years)s years ahead.") % {"years": ahead}
        )
    return day


def date_not_future(day: date | None):
    if day and day > timezone.localdate():
        raise ValidationError(_("This date lies in the future."))
    return day


class AnalysisForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = [
            "municipality",
            "neighbourhood",
            "title",
            "kind",
            "date",
            "facilitator",
            "follow_up_date",
            "status",
        ]
        widgets = {"date": DATE, "follow_up_date": DATE}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if len(municipalities) == 1:  # staff of one municipality: theirs
            self.fields["municipality"].initial = municipalities[0].pk
        self.fields["neighbourhood"].help_text = _("Empty: the whole municipality. ") + str(
            NO_NAMES
        )
        if self.instance.pk:
            # An analysis stays in its municipality: its participants and actions belong there.
            del self.fields["municipality"]
        else:
            del self.fields["status"]

    def clean_date(self):
        return date_in_range(self.cleaned_data["date"], ahead=1)

    def clean_follow_up_date(self):
        return date_in_range(self.cleaned_data["follow_up_date"])

    def clean(self):
        cleaned = super().clean()
        day, follow_up = cleaned.get("date"), cleaned.get("follow_up_date")
        if day and follow_up and follow_up < day:
            self.add_error(
                "follow_up_date", _("The follow-up date lies before the date of the analysis.")
            )
        return cleaned


class ChecklistForm(forms.Form):
    """The checklists of one or more steps of an analysis, on its own checklist version."""

    # Hidden: the version the form was filled in on (versions count from 1).
    version = forms.IntegerField(widget=forms.HiddenInput, validators=count(VERSIONS))

    def __init__(self, *args, analysis, steps, items, content, interventions=(), **kwargs):
        self.analysis, self.steps, self.items = analysis, list(steps), items
        self.interventions = list(interventions)
        kwargs.setdefault("initial", {})["version"] = analysis.definition.version
        super().__init__(*args, **kwargs)
        for step in self.steps:
            self._add_step(step, content)

    def _add_step(self, step: int, content) -> None:
        items = self.items.get(step, [])
        choices = [(item.pk, item.label) for item in items]
        if step == Step.FORMS:
            self.fields[f"s{step}_forms"] = forms.ModelMultipleChoiceField(
                label=_("Forms of polarisation seen"),
                queryset=PolarisationForm.objects.filter(is_active=True),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=content.forms,
            )
        if step == Step.INTERVENTIONS:
            self._add_interventions(step, content)
        if step in TICKED_STEPS:
            self.fields[f"s{step}_ticked"] = forms.TypedMultipleChoiceField(
                label=_("Checklist"),
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[pk for pk, _label in choices if pk in content.ticked],
            )
        if step == Step.GROUPS:
            self.fields[f"s{step}_communities"] = forms.ModelMultipleChoiceField(
                label=_("Communities of the social map"),
                queryset=Community.objects.filter(is_active=True),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=content.communities,
            )
        if step == Step.PHASE:
            self.fields[f"s{step}_phase"] = forms.TypedChoiceField(
                label=_("Phase of escalation"),
                choices=[(item.pk, f"{item.label} — {item.description}") for item in items],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                initial=self.analysis.phase_id,
            )
        if step == Step.POLICY:
            verdicts = {v.item_id: v for v in content.verdicts}
            for item in items:
                given = verdicts.get(item.pk)
                self.fields[f"s{step}_verdict_{item.pk}"] = forms.ChoiceField(
                    label=item.label,
                    choices=[("", _("(no verdict)")), *Verdict.choices],
                    required=False,
                    initial=given.verdict if given else "",
                    help_text=item.description,
                )
                self.fields[f"s{step}_approach_{item.pk}"] = forms.CharField(
                    label=_("Proposed approach: %(area)s") % {"area": item.label},
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=given.approach if given else "",
                )
        self.fields[f"s{step}_notes"] = forms.CharField(
            label=_("Notes"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=NO_NAMES,
            initial=content.notes.get(step, ""),
        )

    def _add_interventions(self, step: int, content) -> None:
        chosen = {c.intervention_id: c for c in content.interventions}
        for choice in self.interventions:
            intervention = choice.intervention
            given = chosen.get(intervention.pk)
            if choice.suggested:
                note = _("suggested: addresses a form you ticked and is offered here")
            elif choice.offered:
                note = _("offered in this municipality")
            else:
                note = _("from the catalogue")
            self.fields[f"s{step}_pick_{intervention.pk}"] = forms.BooleanField(
                label=f"{intervention.name} ({note})",
                required=False,
                initial=given is not None,
                help_text=intervention.summary,
            )
            self.fields[f"s{step}_reason_{intervention.pk}"] = forms.CharField(
                label=_("Why this intervention: %(name)s") % {"name": intervention.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.reason if given else "",
            )

    def clean_version(self):
        version = self.cleaned_data["version"]
        if version != self.analysis.definition.version:
            raise ValidationError(
                _(
                    "The checklist of this analysis is version %(expected)s, but the form was "
                    "filled in for version %(given)s. Nothing was saved; open the step again."
                )
                % {"expected": self.analysis.definition.version, "given": version}
            )
        return version

    def answers(self) -> dict[int, dict]:
        """The cleaned answers per step, as `services.analysis_steps_save` takes them."""
        data = self.cleaned_data
        by_pk = {item.pk: item for items in self.items.values() for item in items}
        answers = {}
        for step in self.steps:
            answer = {"notes": data[f"s{step}_notes"]}
            if step == Step.FORMS:
                answer["forms"] = data[f"s{step}_forms"]
            if step == Step.INTERVENTIONS:
                answer["interventions"] = {
                    c.intervention: data[f"s{step}_reason_{c.intervention.pk}"]
                    for c in self.interventions
                    if data[f"s{step}_pick_{c.intervention.pk}"]
                }
            if step in TICKED_STEPS:
                answer["ticked"] = [by_pk[pk] for pk in data[f"s{step}_ticked"]]
            if step == Step.GROUPS:
                answer["communities"] = data[f"s{step}_communities"]
            if step == Step.PHASE:
                answer["phase"] = by_pk.get(data[f"s{step}_phase"])
            if step == Step.POLICY:
                answer["verdicts"] = {
                    item: (data[f"s{step}_verdict_{item.pk}"], data[f"s{step}_approach_{item.pk}"])
                    for item in self.items.get(step, [])
                }
            answers[step] = answer
        return answers

    def step_fields(self, step: int) -> list:
        return [self[name] for name in self.fields if name.startswith(f"s{step}_")]


class ParticipantForm(forms.ModelForm):
    account_email = forms.EmailField(
        label=gettext_lazy("Account (email address)"),
        required=False,
        help_text=gettext_lazy(
            "Optional: a participant with an account may read the analysis and add remarks."
        ),
    )

    class Meta:
        model = Participant
        fields = ["organisation", "contact", "domain"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["organisation"].queryset = organisations_in(municipality)
        self.fields["contact"].queryset = contacts_in(municipality)
        self.fields["domain"].queryset = Domain.objects.filter(is_active=True)
        invalid = _("Choose from the social map of %(place)s.") % {"place": municipality}
        for name in ("organisation", "contact"):
            self.fields[name].error_messages["invalid_choice"] = invalid

    def clean_account_email(self):
        email = self.cleaned_data["account_email"]
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(_("No active account has this email address."))
        return user

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organisation") and not cleaned.get("contact"):
            raise ValidationError(_("Choose an organisation or a person of the social map."))
        return cleaned

    def save(self, commit=True):
        participant = super().save(commit=False)
        participant.user = self.cleaned_data.get("account_email")
        if commit:
            participant.save()
        return participant


class RemarkForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Remark"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_NAMES,
    )


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "what",
            "owner_organisation",
            "owner_contact",
            "due_date",
            "intervention",
            "status",
        ]
        widgets = {"due_date": DATE}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        owner_fields(self, municipality, prefix="owner_")
        analysis = self.instance.analysis
        if analysis is None:
            del self.fields["intervention"]
        else:
            # The interventions chosen in step 7, and those offered in the municipality.
            chosen = analysis.chosen_interventions.values("intervention")
            offered = interventions_offered_in(municipality).values("pk")
            self.fields["intervention"].queryset = Intervention.objects.filter(
                Q(pk__in=chosen) | Q(pk__in=offered)
            )
        if not self.instance.pk:
            del self.fields["status"]

    def clean_due_date(self):
        return date_in_range(self.cleaned_data["due_date"], back=1)

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner_organisation") or cleaned.get("owner_contact")
        if not owner and not self.errors:
            raise ValidationError(_("Choose the organisation or the person who owns this."))
        return cleaned


def owner_fields(form, municipality, *, prefix: str) -> None:
    """Owners from the social map of the municipality; another one is refused by name."""
    form.fields[f"{prefix}organisation"].queryset = organisations_in(municipality)
    form.fields[f"{prefix}contact"].queryset = contacts_in(municipality)
    message = _("The owner must work in %(place)s; choose from its social map.") % {
        "place": municipality
    }
    for name in ("organisation", "contact"):
        form.fields[f"{prefix}{name}"].error_messages["invalid_choice"] = message


class ActionStatusForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["status"]


class AssessmentForm(forms.Form):
    """A dated self-assessment: per precondition a status, evidence, and optionally an action."""

    # Hidden: the version the form was filled in on (versions count from 1).
    version = forms.IntegerField(widget=forms.HiddenInput, validators=count(VERSIONS))
    date = forms.DateField(
        label=gettext_lazy("Date of the assessment"),
        widget=DATE,
        validators=plausible_date("recent"),
    )

    def __init__(self, *args, preconditions: PreconditionList, municipality, previous=None, **kw):
        self.preconditions = preconditions
        self.municipality = municipality
        self.items = list(preconditions.items.all())
        kw.setdefault("initial", {}).update(
            version=preconditions.version, date=timezone.localdate()
        )
        super().__init__(*args, **kw)
        before = {item.precondition.label: item for item in previous or []}
        organisations = organisations_in(municipality)
        contacts = contacts_in(municipality)
        for item in self.items:
            earlier = before.get(item.label)
            p = f"p{item.pk}_"
            self.fields[p + "status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[("", "—"), *PreconditionStatus.choices],
                initial=earlier.status if earlier else "",
            )
            self.fields[p + "evidence"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=earlier.evidence if earlier else "",
                help_text=NO_NAMES,
            )
            self.fields[p + "what"] = forms.CharField(
                label=_("Action"), required=False, max_length=300
            )
            self.fields[p + "owner_organisation"] = forms.ModelChoiceField(
                label=_("Owner (organisation)"), queryset=organisations, required=False
            )
            self.fields[p + "owner_contact"] = forms.ModelChoiceField(
                label=_("Owner (person)"), queryset=contacts, required=False
            )
            self.fields[p + "due_date"] = forms.DateField(
                label=_("Due date"), required=False, widget=DATE
            )
            owner_fields(self, municipality, prefix=p + "owner_")

    def clean_version(self):
        version = self.cleaned_data["version"]
        if version != self.preconditions.version:
            raise ValidationError(
                _(
                    "The list of preconditions changed to version %(expected)s while you "
                    "filled it in. Nothing was saved; open the form again."
                )
                % {"expected": self.preconditions.version}
            )
        return version

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            p = f"p{item.pk}_"
            what = cleaned.get(p + "what")
            owner = cleaned.get(p + "owner_organisation") or cleaned.get(p + "owner_contact")
            due = cleaned.get(p + "due_date")
            if what and not (owner and due):
                self.add_error(p + "what", _("An action needs an owner and a due date."))
            if due:
                try:
                    date_in_range(due, back=1)
                except ValidationError as error:
                    self.add_error(p + "due_date", error)
        return cleaned

    def rows(self):
        for item in self.items:
            p = f"p{item.pk}_"
            yield (
                item,
                [self[p + name] for name in ("status", "evidence")],
                [
                    self[p + name]
                    for name in ("what", "owner_organisation", "owner_contact", "due_date")
                ],
            )

    def data_for_service(self) -> dict:
        cleaned, items = self.cleaned_data, []
        for item in self.items:
            p = f"p{item.pk}_"
            action = None
            if cleaned[p + "what"]:
                action = {
                    "what": cleaned[p + "what"],
                    "owner_organisation": cleaned[p + "owner_organisation"],
                    "owner_contact": cleaned[p + "owner_contact"],
                    "due_date": cleaned[p + "due_date"],
                }
            items.append((item, cleaned[p + "status"], cleaned[p + "evidence"], action))
        return {"date": cleaned["date"], "items": items}


class VisionForm(forms.ModelForm):
    link = forms.URLField(label=gettext_lazy("link"), required=False, assume_scheme="https")

    class Meta:
        model = VisionDocument
        fields = ["file", "link", "adopted_on", "review_date", "summary"]
        widgets = {"adopted_on": DATE, "review_date": DATE}

    def clean_adopted_on(self):
        return date_in_range(date_not_future(self.cleaned_data["adopted_on"]), back=20)

    def clean_review_date(self):
        return date_in_range(self.cleaned_data["review_date"], back=20, ahead=10)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if (
            file
            and hasattr(file, "name")
            and not file.name.lower().endswith((".pdf", ".docx", ".odt"))
        ):
            raise ValidationError(_("Upload a PDF, Word or OpenDocument file."))
        return file

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("link"):
            raise ValidationError(_("Upload the document or give a link to it."))
        adopted, review = cleaned.get("adopted_on"), cleaned.get("review_date")
        if adopted and review and review <= adopted:
            self.add_error("review_date", _("The review date lies before the adoption date."))
        return cleaned
