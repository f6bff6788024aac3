"""The architecture's import rules: the domain imports nothing from the layers around it."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import grondvorm

PACKAGE = Path(grondvorm.__file__).parent
DOMAIN = ("forms", "scan", "recognition", "alignment")
FORBIDDEN = (
    "grondvorm.web",
    "grondvorm.cli",
    "grondvorm.reports",
    "grondvorm.storage",
    "django",
    "ninja",
    "sqlalchemy",
    "psycopg",
    "typer",
    "rich",
    "click",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_package_imports_no_web_database_or_cli(package):
    offenders = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")

    assert offenders == []


def test_public_api_matches_all():
    exported = {
        name
        for name in dir(grondvorm)
        if not name.startswith("_") and not inspect.ismodule(getattr(grondvorm, name))
    }

    assert set(grondvorm.__all__) - {"__version__"} == exported
