from django.views.generic import TemplateView

from polrad.accounts.mixins import AnyPermissionRequiredMixin


class IndexView(AnyPermissionRequiredMixin, TemplateView):
    permission_required = ("accounts.submit_concerns", "accounts.handle_concerns")
    template_name = "signals/index.html"
