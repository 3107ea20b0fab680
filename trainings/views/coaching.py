"""Coaching of the trainings app."""

urlpatterns = []
