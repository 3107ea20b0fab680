"""The public application form: no login, plain language, works on a phone."""

from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from polrad.public_forms import public_form_response
from rolemodels import services
from rolemodels.forms import ApplicationForm

# At most this many submissions per address per window: enough for a family behind one
# router, too few for a spam run.
RATE_LIMIT = 5
RATE_WINDOW = 3600


def _apply(data: dict) -> None:
    services.role_model_apply(data={k: v for k, v in data.items() if k != "consent"})


@never_cache
def apply(request):
    return public_form_response(
        request,
        form=ApplicationForm(request.POST or None),
        template="rolemodels/apply.html",
        scope="rolemodels:apply",
        limit=RATE_LIMIT,
        window=RATE_WINDOW,
        too_many=_(
            "We received many applications from your connection in a short time. "
            "Please try again in an hour."
        ),
        thanks="rolemodels:apply-thanks",
        save=_apply,
    )


class ApplyThanksView(TemplateView):
    template_name = "rolemodels/apply_thanks.html"
