"""Programmes and sessions: the calendar, a session's page, enrolment and attendance."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from django.views.generic import TemplateView


class IndexView(LoginRequiredMixin, TemplateView):
    template_name = "trainings/index.html"


urlpatterns = [
    path("", IndexView.as_view(), name="index"),
]
