"""polrad.figure_cache: one result per parameters and language, stale after a change of its
kind or of one of its scopes, and only then."""

from django.utils import translation

from polrad.errors import Refusal
from polrad.figure_cache import Cached, VersionedCache, fetch, fetch_keyed
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


def counting():
    computed = []

    def compute(value):
        computed.append(value)
        return value

    return computed, compute


def test_a_change_of_one_scope_leaves_the_others_and_stales_the_region():
    figures = VersionedCache("test:scoped", timeout=60)
    computed, compute = counting()
    assert figures.get("a", lambda: compute("a1"), scopes=[1]) == "a1"
    assert figures.get("b", lambda: compute("b1"), scopes=[2]) == "b1"
    assert figures.get("all", lambda: compute("all1")) == "all1"  # the whole region
    figures.changed([1])
    assert figures.get("a", lambda: compute("a2"), scopes=[1]) == "a2"
    assert figures.get("b", lambda: compute("b2"), scopes=[2]) == "b1"  # kept
    assert figures.get("all", lambda: compute("all2")) == "all2"
    assert figures.get("ab", lambda: compute("ab1"), scopes=[1, 2]) == "ab1"
    figures.changed([2])
    assert figures.get("ab", lambda: compute("ab2"), scopes=[2, 1]) == "ab2"  # either scope
    figures.changed()  # no scope named: everything
    assert figures.get("a", lambda: compute("a3"), scopes=[1]) == "a3"
    assert computed == ["a1", "b1", "all1", "a2", "all2", "ab1", "ab2", "a3"]


def test_a_result_of_several_kinds_is_stale_after_a_change_of_either():
    activities = VersionedCache("test:activities", timeout=60)
    months = VersionedCache("test:months", timeout=60)
    computed, compute = counting()

    def get(value):
        entry = Cached(
            "test:both",
            "x",
            lambda: compute(value),
            [(activities, [7]), (months, ["2026-12-01"])],
            60,
        )
        return fetch_keyed([entry])

    first, keys = get(1)
    assert first == [1]
    assert get(2) == ([1], keys)
    months.changed(["2026-11-01"])  # another month
    activities.changed([8])  # another municipality
    assert get(3)[0] == [1]
    months.changed(["2026-12-01"])
    (again,), new_keys = get(4)
    assert again == 4 and new_keys != keys
    activities.changed([7])
    assert get(5)[0] == [5]
    assert computed == [1, 4, 5]


def test_missing_results_can_be_computed_in_one_go():
    figures = VersionedCache("test:batch", timeout=60)
    batches = []

    def entries():
        return [Cached(figures.name, n, None, [(figures, [n])], 60) for n in (1, 2, 3)]

    def compute_missing(missing):
        batches.append([entry.params for entry in missing])
        return [entry.params * 10 for entry in missing]

    assert fetch(entries(), compute_missing=compute_missing) == [10, 20, 30]
    figures.changed([2])
    assert fetch(entries(), compute_missing=compute_missing) == [10, 20, 30]
    assert batches == [[1, 2, 3], [2]]


def test_apps_refuse_with_one_base_class():
    assert issubclass(TrainingError, Refusal) and issubclass(TransitionError, Refusal)
