"""The architecture in executable form: no import cycles, and the layer contracts hold."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _cycles_module():
    spec = importlib.util.spec_from_file_location(
        "import_cycles", ROOT / "scripts/import_cycles.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_module_imports_itself_back_when_loaded():
    cycles = _cycles_module()
    assert cycles.cycles(cycles.graph(ROOT)) == []


def test_the_cycle_finder_sees_a_cycle(tmp_path):
    cycles = _cycles_module()
    (tmp_path / "network").mkdir()
    (tmp_path / "network/__init__.py").write_text("")
    (tmp_path / "network/services.py").write_text("from network import tasks\n")
    (tmp_path / "network/tasks.py").write_text("from network.services import x\n")
    (tmp_path / "network/views.py").write_text("def f():\n    from network import services\n")
    assert cycles.cycles(cycles.graph(tmp_path)) == [["network.services", "network.tasks"]]


PACKAGES = ("polrad", "network", "rolemodels", "signals", "trainings")


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "importlinter.ini"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )


def _copy_of_the_code(tmp_path: Path) -> Path:
    for package in PACKAGES:
        for source in (ROOT / package).rglob("*.py"):
            target = tmp_path / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    shutil.copyfile(ROOT / "importlinter.ini", tmp_path / "importlinter.ini")
    return tmp_path


def test_the_layer_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("network/selectors.py", "from rolemodels import models", "social map"),
        ("trainings/selectors.py", "from signals import selectors", "never import concerns"),
        ("polrad/reports/data.py", "from signals import models", "only its selectors"),
        ("rolemodels/urls.py", "from trainings import views", "trainings app"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, contract):
    root = _copy_of_the_code(tmp_path)
    path = root / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = _lint_imports(root)
    assert result.returncode == 1
    broken = result.stdout.split("Broken contracts")[-1]
    assert contract in broken


def test_every_app_is_wired_the_same_way():
    """polrad/urls.py includes each app's `urls.py` once, under the namespace of its
    `app_name`; only URL modules list addresses (no `urlpatterns` in views)."""
    from django.urls import URLResolver, get_resolver

    included = [p for p in get_resolver().url_patterns if isinstance(p, URLResolver)]
    apps = [p for p in included if getattr(p.urlconf_name, "__name__", "").startswith(PACKAGES)]
    modules = [p.urlconf_name.__name__ for p in apps]
    assert len(modules) == len(set(modules)) >= 9
    for resolver in apps:
        assert resolver.namespace == resolver.urlconf_name.app_name, resolver
        assert all(not isinstance(p, URLResolver) for p in resolver.url_patterns), resolver
    listing = [
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "urlpatterns = " in path.read_text() and not path.name.startswith("urls")
    ]
    assert [str(path.relative_to(ROOT)) for path in listing] == []
