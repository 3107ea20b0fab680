"""Forms of what trainings yield: certificate verification, evaluations and the figures."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.period_forms import DateRangeForm
from polrad.widgets import FastSelect
from trainings.certificates import is_well_formed, normalise_code
from trainings.models import Evaluation, Programme


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=30,
        help_text=_("The code printed on the certificate, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not is_well_formed(code):
            raise ValidationError(
                _("This is not a verification code. It has three groups of four characters.")
            )
        return code


class RatingField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        choices = [(str(n), str(n)) for n in range(1, 6)]
        super().__init__(choices=choices, coerce=int, **kwargs)


class EvaluationForm(forms.ModelForm):
    overall = RatingField(label=_("How was the session overall?"))
    content = RatingField(label=_("How good was the content?"))
    trainer = RatingField(label=_("How good was the trainer?"))
    usefulness = RatingField(label=_("How useful is it for your work?"))

    class Meta:
        model = Evaluation
        fields = ["overall", "content", "trainer", "usefulness", "comments"]
        labels = {"comments": _("Comments (optional)")}
        help_texts = {"comments": _("Coordinators read your comments without your name.")}
        widgets = {"comments": forms.Textarea(attrs={"rows": 4})}


class FiguresForm(DateRangeForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args, municipalities, scoped: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities.order_by("name")
        field.empty_label = _("All my municipalities") if scoped else _("The whole network")


class EvaluationFilterForm(DateRangeForm):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("All programmes"),
    )
