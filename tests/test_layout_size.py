"""The package's layout contract, in size: every module readable in one sitting (at most 600
lines) and every function at most 80 lines (``/work/shared/style.md``: the anchors' p90 function
is 34–75 lines)."""
from __future__ import annotations

import ast
from pathlib import Path

import warta

ROOT = Path(warta.__file__).resolve().parent
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

# Modules that are pure data (tables, word lists) and may be longer: none today. The knowledge
# base, the trigger lexicon and the coder's word classes live in data files (``*/data/``), not here.
DATA_MODULES: set[str] = set()


def _modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).as_posix() not in DATA_MODULES)


def test_layout_size_modules_are_at_most_600_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_layout_size_functions_are_at_most_80_lines():
    long = {}
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long[f"{p.relative_to(ROOT).as_posix()}:{node.lineno} {node.name}"] = n
    assert long == {}


def test_layout_size_data_modules_listed_exist():
    assert all((ROOT / m).is_file() for m in DATA_MODULES)


def test_layout_size_readme_names_every_module():
    """README's "How it is built" table follows the tree: every module is named there."""
    readme = (ROOT.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## How it is built"):readme.index("## Quality")]
    missing = [p.relative_to(ROOT).as_posix() for p in sorted(ROOT.rglob("*.py"))
               if p.name != "__init__.py" and f"{p.name}`" not in section]
    assert missing == []
