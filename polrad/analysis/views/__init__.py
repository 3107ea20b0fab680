from polrad.analysis.views import actions, analyses, basis

__all__ = ["actions", "analyses", "basis"]
