"""The knowledge base: documents listed, described and downloaded through an access check."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from network.interventions import services
from network.interventions.filters import DocumentFilter
from network.interventions.forms import DocumentForm
from network.interventions.models import KnowledgeDocument
from network.interventions.selectors import (
    can_manage_catalogue,
    document_get_for_user,
    documents_for_list,
    is_member,
)
from network.interventions.views.common import PAGE_SIZE, manager_required, set_archived
from network.selectors import history_for


class DocumentListView(FilterView):
    """Readable by everybody: anonymous visitors see the public documents only."""

    filterset_class = DocumentFilter
    paginate_by = PAGE_SIZE
    template_name = "network/interventions/document_list.html"

    def get_queryset(self):
        return documents_for_list(
            self.request.user, include_archived=self.request.GET.get("archived") == "1"
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_manage=can_manage_catalogue(user), is_member=is_member(user), **kwargs
        )


def document_detail(request, pk):
    document = document_get_for_user(request.user, pk)
    manage = can_manage_catalogue(request.user)
    return render(
        request,
        "network/interventions/document_detail.html",
        {
            "document": document,
            "can_manage": manage,
            "history": history_for(document) if manage else [],
        },
    )


def document_download(request, pk):
    """The stored file, always as an attachment and never from the media root directly."""
    document = document_get_for_user(request.user, pk)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file.name.rsplit("/", 1)[-1],
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if not document.is_public else "no-cache"
    return response


@manager_required
def document_edit(request, pk=None):
    document = get_object_or_404(KnowledgeDocument, pk=pk) if pk else KnowledgeDocument()
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=document,
    )
    if request.method == "POST" and form.is_valid():
        document = services.document_save(form=form)
        messages.success(request, _("%(name)s has been saved.") % {"name": document})
        return redirect(document)
    return render(
        request,
        "network/interventions/document_form.html",
        {"form": form, "document": document if pk else None},
    )


@require_POST
@manager_required
def document_archive(request, pk):
    return set_archived(request, get_object_or_404(KnowledgeDocument, pk=pk))
