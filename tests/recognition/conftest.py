"""Shared data for the recognition tests: the seed page, the dev cases and the corpus.

The seed page and the dev cases live in ``shared/`` beside the repository (never copied into it);
a test that needs them skips when they are absent, which counts as a failure under CI.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"
SEED_HEADINGS = {
    "Functioneel samenwerken": "functional",
    "Ondernemend samenwerken": "entrepreneurial",
    "Transactioneel samenwerken": "transactional",
    "Lerend samenwerken": "learning",
}


def read_jsonl(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def seed_examples() -> list[tuple[str, str]]:
    """(form, example) for each bullet under the four headings of the seed page."""
    pages = sorted((SHARED / "seed").glob("*.txt")) if (SHARED / "seed").is_dir() else []
    examples = []
    for page in pages:
        form = None
        for line in page.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped in SEED_HEADINGS:
                form = SEED_HEADINGS[stripped]
            elif form and stripped.startswith("•"):
                examples.append((form, re.sub(r"^•\s*", "", stripped)))
    return examples


def read_jsonl_or_skip(path: Path, missing: str) -> list[dict]:
    """The records of ``path``; the test skips with the reason ``missing`` when it is absent."""
    if not path.exists():
        pytest.skip(missing)
    return read_jsonl(path)


@pytest.fixture(scope="session")
def dev_cases() -> list[dict]:
    path = SHARED / "cases" / "dev_cases.jsonl"
    return read_jsonl_or_skip(path, f"{path} is missing (shared/ should sit beside the repository)")


@pytest.fixture(scope="session")
def corpus() -> list[dict]:
    paths = [CORPUS / "nl.jsonl", CORPUS / "en.jsonl"]
    if not all(path.exists() for path in paths):
        pytest.skip("the labelled corpus (corpus/nl.jsonl, corpus/en.jsonl) is missing")
    return [row for path in paths for row in read_jsonl(path)]


FRESH_SETS = {"fresh": 80, "fresh2": 160, "fresh3": 120}  # file name (without .jsonl): size


def read_fresh(name: str) -> list[dict]:
    path = CORPUS / "fresh" / f"{name}.jsonl"
    return read_jsonl_or_skip(path, f"the fresh evaluation set ({path}) is missing")
