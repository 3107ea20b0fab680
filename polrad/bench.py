"""The project package's measurements; autodiscovery imports this module like any app's
`bench`. The registry they register with is polrad.benchmark."""

from polrad.home import bench as home_bench
from polrad.reports import bench as reports_bench

__all__ = ["home_bench", "reports_bench"]
