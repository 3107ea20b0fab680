"""Benchmark measurements of the home page (`make bench`): one per role, as the first user
with that role sees it (at national scale, the demo account of the role)."""

from polrad.accounts.roles import Role
from polrad.benchmark import register_page

# The coordinator's home page is measured as "dashboard" (polrad/benchmark.py).
for role in (Role.HANDLER, Role.ROLE_MODEL, Role.PROFESSIONAL, Role.MUNICIPAL, Role.ADMINISTRATOR):
    register_page(f"home ({role.value})", "/", role=role)
