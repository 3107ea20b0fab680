"""Views of the trainings app, one module per area; trainings/urls.py lists their addresses."""
