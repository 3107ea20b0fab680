from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from trainings import stats
from trainings.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Certificates are issued by attendance, never typed in; an administrator can withdraw one
    (given by mistake, or taken back), which the public verification page then shows."""

    list_display = ["code", "full_name", "programme", "completed_on", "valid_until", "revoked_at"]
    list_filter = ["programme", "revoked_at"]
    search_fields = ["code", "full_name", "email"]
    list_select_related = ["programme"]
    readonly_fields = [
        "programme",
        "user",
        "full_name",
        "email",
        "completed_on",
        "valid_until",
        "code",
        "issued_at",
        "revoked_at",
    ]
    actions = ["withdraw"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Withdraw the selected certificates"))
    def withdraw(self, request, queryset):
        certificates = list(queryset.filter(revoked_at__isnull=True))
        now = timezone.now()
        for certificate in certificates:
            certificate.revoked_at = now
            certificate.save(update_fields=["revoked_at"])
            self.log_change(request, certificate, [{"changed": {"fields": ["revoked_at"]}}])
        stats.figures_changed()
        count = len(certificates)
        self.message_user(
            request,
            ngettext("%(count)d certificate withdrawn.", "%(count)d certificates withdrawn.", count)
            % {"count": count},
            messages.SUCCESS,
        )
