"""Dashboard of the trainings app."""

urlpatterns = []
