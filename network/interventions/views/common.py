"""What the handelingskader's views share: permissions and the archive toggle."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from network.interventions import services
from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import MANAGE_SOCIAL_MAP, VIEW_SOCIAL_MAP

PAGE_SIZE = 25

manager_required = login_and_permission_required(MANAGE_SOCIAL_MAP)
member_required = login_and_permission_required(VIEW_SOCIAL_MAP)


def set_archived(request, record):
    """Archive or restore a record from a POST with `archived=1|0`."""
    archived = request.POST.get("archived") == "1"
    services.record_set_archived(record=record, archived=archived)
    if archived:
        messages.success(request, _("%(name)s has been archived.") % {"name": record})
    else:
        messages.success(request, _("%(name)s is current again.") % {"name": record})
    return redirect(record)
