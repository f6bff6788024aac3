"""Figures for labelled descriptions: accuracy, macro-F1, abstentions, per language, confusion."""

from __future__ import annotations

import pytest

from grondvorm.recognition import evaluate
from grondvorm.recognition.evaluation import score


def test_score_counts_abstentions_as_wrong_and_reports_them():
    triples = [
        ("functional", "functional", "nl"),
        ("functional", None, "nl"),
        ("learning", "learning", "en"),
        ("learning", "transactional", "en"),
        ("transactional", "transactional", "en"),
        ("entrepreneurial", "entrepreneurial", "nl"),
    ]

    figures = score(triples)

    assert figures.count == 6
    assert figures.accuracy == pytest.approx(4 / 6)
    assert figures.abstentions == 1
    assert figures.confusion["functional"] == {
        "functional": 1,
        "entrepreneurial": 0,
        "transactional": 0,
        "learning": 0,
        "none": 1,
    }
    assert figures.per_form["functional"].recall == pytest.approx(0.5)
    assert figures.per_form["transactional"].precision == pytest.approx(0.5)
    assert figures.macro_f1 == pytest.approx((2 / 3 + 1 + 2 / 3 + 2 / 3) / 4)
    assert sorted(figures.per_language) == ["en", "nl"]
    assert figures.per_language["nl"].accuracy == pytest.approx(2 / 3)


def test_evaluate_recognises_items_and_parses_form_names():
    items = [
        {
            "text": "Vijf gemeenten brengen hun belastingheffing onder in een gezamenlijk belastingkantoor.",
            "form": "functioneel",
        },
        {
            "text": "Libraries meet in an open network to share experiences and publish what they learn.",
            "form": "learning",
            "lang": "en",
        },
    ]

    figures = evaluate(items)

    assert figures.accuracy == 1.0
    assert sorted(figures.per_language) == ["en", "nl"]
    assert figures.to_dict()["confusion"]["learning"]["learning"] == 1
