"""The architecture in executable form: no import cycles, and the layer contracts hold."""

import importlib.util
from pathlib import Path

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
