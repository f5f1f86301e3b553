"""The layers as the folder names promise them: imports run one way,
webui -> wbportal -> index -> normalize, and crawlers apart (fed by JSON; they may use only the
raw-item type of normalize; wbportal reads the crawlers' strategy-name registry, which imports
nothing). Read from the source with `ast`, so an import hidden inside a
function counts too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawlers", "normalize", "index", "wbportal", "webui")
# package -> our packages it may import (besides itself)
ALLOWED = {
    "normalize": set(),
    "crawlers": {"normalize.raw_item", "normalize.enums"},  # the raw item contract, pure types
    "index": {"normalize"},
    # crawlers run as a subprocess (python -m crawlers.run); only their name registry is read here
    "wbportal": {"normalize", "index", "crawlers.strategies"},
    "webui": {"wbportal", "index", "normalize"},
}


def imports_of(package: str) -> dict[str, set[str]]:
    """module path -> our modules it imports (absolute names; relative imports resolved)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: stays inside the package by construction
                    continue
                names.add(node.module or "")
        found[str(path.relative_to(ROOT))] = {n for n in names if n.split(".")[0] in PACKAGES}
    return found


def _allowed(package: str, name: str) -> bool:
    top = name.split(".")[0]
    return top == package or any(name == a or name.startswith(a + ".") or (a == top and "." not in a)
                                 for a in ALLOWED[package])


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_run_one_way(package):
    wrong = {path: sorted(n for n in names if not _allowed(package, n))
             for path, names in imports_of(package).items()}
    assert {p: n for p, n in wrong.items() if n} == {}


def test_the_checker_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The test above would pass on an empty tree: show it catches an import from inside a function."""
    fake = tmp_path / "wbportal"
    fake.mkdir()
    (fake / "x.py").write_text("def f():\n    from webui import create_app\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert imports_of("wbportal") == {"wbportal/x.py": {"webui"}}
    assert not _allowed("wbportal", "webui")
