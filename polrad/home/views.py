from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from network.selectors import municipalities_visible_to
from polrad.accounts.roles import Role
from polrad.home import sections
from polrad.period_forms import default_period


def home_sections(user) -> tuple[list[sections.Section], list]:
    """The sections of each of the user's roles, in the order of the roles, and the
    municipalities of a scoped user."""
    roles = user.roles
    found, scope = [], None
    if Role.COORDINATOR in roles:
        found.append(sections.coordinator_section(user))
    if Role.HANDLER in roles:
        found.append(sections.handler_section(user))
    if Role.ROLE_MODEL in roles:
        found.append(sections.role_model_section(user))
    if Role.PROFESSIONAL in roles:
        found.append(sections.professional_section(user))
    if roles & {Role.ROLE_MODEL, Role.PROFESSIONAL}:
        found.append(sections.trainings_section(user))
    if Role.MUNICIPAL in roles:
        period = default_period()
        municipalities = sections.municipalities_with_headlines(user, period)
        found.append(sections.municipal_section(user, municipalities, period))
        if user.is_scoped:
            scope = municipalities
    if Role.ADMINISTRATOR in roles or user.is_superuser:
        found.append(sections.administrator_section(user))
    if scope is None and user.is_scoped:
        scope = list(municipalities_visible_to(user))
    return found, scope


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "polrad/home.html"

    def get_context_data(self, **kwargs):
        found, scope = home_sections(self.request.user)
        return super().get_context_data(sections=found, municipalities=scope, **kwargs)
