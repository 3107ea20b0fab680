"""Views of the trainings app, one module per area; each module lists its own `urlpatterns`."""
