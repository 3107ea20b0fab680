"""How often one may report a concern (the permissions are in polrad/permissions.py)."""

# A professional reports now and then; more than this in an hour is a mistake or abuse.
RATE_LIMIT = 10
RATE_WINDOW = 3600
