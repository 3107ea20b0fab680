"""Municipal dashboards and PDF reports: what the network did in a municipality in a period.

The period a user picks (month, quarter, year, custom) is a `polrad.periods.Period`.

data.py      the shape of a report: sections of key figures and tables (with a chart each)
figures/     builds that report from the apps' own figures (rolemodels, trainings,
             network, signals), for one or more municipalities or the whole region
pdf.py       renders a report to a tagged PDF; tasks.py generates and stores it
"""
