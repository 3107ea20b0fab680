"""One base for the refusals a user is told about."""


class Refusal(Exception):
    """A request the rules refuse; the message is for the user (views show it, change nothing).

    Each app names its own kinds (TrainingError, TransitionError, ...) as subclasses, so a
    view may catch the app's kind or any refusal."""
