"""Quality on text we did not tune on: the seed page, the dev cases, the corpus test split and
the three fresh sets (written apart from the recogniser, after the model was frozen).

Thresholds follow the targets in docs/recognition.md; speed lives in bench/recognition.py.
"""

from __future__ import annotations

import pytest

from grondvorm.recognition import evaluate, recognise
from grondvorm.recognition.model import load_model

from .conftest import FRESH_SETS, read_fresh, seed_examples

SEED = seed_examples()


def test_the_seed_page_has_twelve_examples():
    if not SEED:
        pytest.skip("the seed page (shared/seed/*.txt) is missing")

    assert len(SEED) == 12
    assert sorted({form for form, _ in SEED}) == [
        "entrepreneurial",
        "functional",
        "learning",
        "transactional",
    ]


SEED_CASES = [
    pytest.param(form, text, id=f"{form}-{i % 3}") for i, (form, text) in enumerate(SEED)
] or [pytest.param(None, None, marks=pytest.mark.skip(reason="the seed page is missing"))]


@pytest.mark.parametrize(("form", "text"), SEED_CASES)
def test_each_seed_example_is_recognised(form, text):
    result = recognise(text)

    assert result.form == form, [item.label("en") for item in result.evidence]


def test_dev_cases_macro_f1_is_at_least_090(dev_cases):
    figures = evaluate(dev_cases)

    assert figures.macro_f1 >= 0.90
    assert figures.abstentions == 0


def test_corpus_test_split_macro_f1_is_at_least_090(corpus):
    figures = evaluate(row for row in corpus if row["split"] == "test")

    assert figures.count == 80
    assert figures.macro_f1 >= 0.90
    assert all(ev.macro_f1 >= 0.90 for ev in figures.per_language.values())
    assert figures.abstentions == 0


@pytest.mark.parametrize(("name", "size"), FRESH_SETS.items())
def test_each_fresh_set_macro_f1_is_at_least_090_in_each_language(name, size):
    rows = read_fresh(name)
    figures = evaluate(rows)

    assert figures.count == size
    assert sorted(figures.per_language) == ["en", "nl"]
    assert figures.macro_f1 >= 0.90
    assert all(ev.macro_f1 >= 0.90 for ev in figures.per_language.values())
    assert figures.abstentions == 0


def test_corpus_dev_split_macro_f1_is_at_least_090(corpus):
    figures = evaluate(row for row in corpus if row["split"] == "dev")

    assert figures.macro_f1 >= 0.90
    assert figures.abstentions == 0


def test_corpus_has_212_unique_descriptions_per_language_172_dev_and_40_test(corpus):
    """The sizes stated in corpus/README.md: 53 per form per language, 43 dev and 10 test."""
    assert len({row["id"] for row in corpus}) == len(corpus) == 424
    for language in ("nl", "en"):
        rows = [row for row in corpus if row["lang"] == language]
        assert len(rows) == 212
        for form in ("functional", "entrepreneurial", "transactional", "learning"):
            of_form = [row for row in rows if row["form"] == form]
            assert sum(row["split"] == "dev" for row in of_form) == 43, (language, form)
            assert sum(row["split"] == "test" for row in of_form) == 10, (language, form)


def test_shipped_model_was_trained_on_the_whole_current_dev_split(corpus):
    dev = [row for row in corpus if row["split"] == "dev"]

    assert load_model().info["descriptions"] == len(dev) == 344, (
        "the corpus dev split changed since the model was trained: run tools/train_recognition.py"
    )
