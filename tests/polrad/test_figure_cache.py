"""polrad.figure_cache: one result per parameters and language, all stale after a change."""

from django.utils import translation

from polrad.errors import Refusal
from polrad.figure_cache import VersionedCache
from rolemodels.services import TransitionError
from trainings.services import TrainingError


def test_results_are_kept_until_a_change_makes_them_all_stale():
    figures = VersionedCache("test:figures", timeout=60)
    computed = []

    def compute(value):
        computed.append(value)
        return value

    assert figures.get(("a",), lambda: compute(1)) == 1
    assert figures.get(("a",), lambda: compute(2)) == 1  # from the cache
    assert figures.get(("b",), lambda: compute(3)) == 3  # other parameters
    with translation.override("en"):
        assert figures.get(("a",), lambda: compute(4)) == 4  # other language
    figures.changed()
    assert figures.get(("a",), lambda: compute(5)) == 5
    assert computed == [1, 3, 4, 5]


def test_apps_refuse_with_one_base_class():
    assert issubclass(TrainingError, Refusal) and issubclass(TransitionError, Refusal)
