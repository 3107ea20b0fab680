"""Certificates of the trainings app."""

urlpatterns = []
