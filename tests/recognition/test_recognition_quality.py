"""Quality on text we did not tune on: the seed page, the dev cases and the corpus test split.

Thresholds follow the targets in docs/recognition.md; speed lives in bench/recognition.py.
"""

from __future__ import annotations

import pytest

from grondvorm.recognition import evaluate, recognise

from .conftest import seed_examples

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


@pytest.mark.parametrize(
    ("form", "text"), SEED, ids=[f"{form}-{i % 3}" for i, (form, _) in enumerate(SEED)]
)
def test_each_seed_example_is_recognised(form, text):
    result = recognise(text)

    assert result.form == form, [item.label("en") for item in result.evidence]


def test_dev_cases_macro_f1_is_at_least_090(dev_cases):
    figures = evaluate(dev_cases)

    assert figures.macro_f1 >= 0.90
    assert figures.abstentions == 0


# The target on the corpus test split is 0.90; measured: 0.86 (docs/recognition.md). This floor
# guards against regressions; raise it as the recogniser improves, never by tuning on the split.
TEST_SPLIT_FLOOR = 0.85


def test_corpus_test_split_macro_f1_stays_above_the_floor(corpus):
    figures = evaluate(row for row in corpus if row["split"] == "test")

    assert figures.count == 80
    assert figures.macro_f1 >= TEST_SPLIT_FLOOR


def test_corpus_dev_split_macro_f1_is_at_least_090(corpus):
    figures = evaluate(row for row in corpus if row["split"] == "dev")

    assert figures.macro_f1 >= 0.90
