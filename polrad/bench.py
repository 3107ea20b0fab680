"""Benchmark measurements of the project package (`make bench`): the home page of each role,
as the first user with that role sees it (at national scale, the demo account of the role).
The coordinator's home page is measured as "dashboard" (polrad/benchmark.py)."""

from polrad.accounts.roles import Role
from polrad.benchmark import register_page

for role in (Role.HANDLER, Role.ROLE_MODEL, Role.PROFESSIONAL, Role.MUNICIPAL, Role.ADMINISTRATOR):
    register_page(f"home ({role.value})", "/", role=role)
