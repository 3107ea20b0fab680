"""What the concern views ask of a user, and how often one may report."""

SUBMIT = "accounts.submit_concerns"
HANDLE = "accounts.handle_concerns"
# A professional reports now and then; more than this in an hour is a mistake or abuse.
RATE_LIMIT = 10
RATE_WINDOW = 3600
