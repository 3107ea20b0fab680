"""The home page at `/`: per role, the work that waits, each item a count and a link to the
filtered list behind it, most urgent first.

Every count is read through the owning app's selectors (concerns through `signals.selectors`,
figures of concerns through the suppression of `signals.stats`), a query or two per section,
so the page costs the same number of queries whatever the amount of data.
"""
