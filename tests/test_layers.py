"""The layers stay apart: models, services and reports never import Qt."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import ipt_desktop

PACKAGE = Path(ipt_desktop.__file__).parent
PURE = ("models", "services", "reports")


def _modules():
    for layer in PURE:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            yield path


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.ImportFrom) and node.level:
            # a relative import that climbs into the ui package is Qt by the back door
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            target = (base / (node.module or "").replace(".", "/")).resolve()
            if (PACKAGE / "ui").resolve() in (target, *target.parents):
                yield "ipt_desktop.ui"


def test_the_pure_layers_have_modules_to_check():
    names = {p.parent.name for p in _modules()}
    assert {"models", "services"} <= names


def test_no_pure_module_imports_qt_in_its_source():
    offenders = []
    for path in _modules():
        for name in _imports(path):
            if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6") or \
                    name.startswith("ipt_desktop.ui"):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_importing_every_pure_module_loads_no_qt():
    names = []
    for path in _modules():
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    code = ("import importlib, json, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6') or m.startswith('ipt_desktop.ui'))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PACKAGE.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    assert len(names) > 10
