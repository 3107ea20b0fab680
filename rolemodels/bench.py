"""Benchmark measurements of the role-model app (`make bench`)."""

from polrad.accounts.roles import Role
from polrad.bench import register_page

register_page("pipeline board", "/rolmodellen/", role=Role.COORDINATOR)
