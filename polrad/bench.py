"""The project package's measurements; autodiscovery imports this module like any app's
`bench`. The registry they register with is polrad.benchmark."""

from polrad.reports import bench as reports_bench

__all__ = ["reports_bench"]
