"""The lexicon files, the phrase matcher and the shipped model stay consistent."""

from __future__ import annotations

import pytest

from grondvorm.recognition import lexicon as lexicon_module
from grondvorm.recognition.detect import detect_language
from grondvorm.recognition.lexicon import POLES, load_lexicon, trait_vectors
from grondvorm.recognition.matching import find_cues
from grondvorm.recognition.model import load_model
from grondvorm.recognition.resources import lexicon_fingerprint
from grondvorm.recognition.text import Words, fold, second_stem
from grondvorm.texts import load_messages


def phrases(text: str, language: str) -> list[str]:
    return [m.cue.phrase for m in find_cues(Words(text), load_lexicon(language))]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_lexicon_compiles_with_known_targets(language):
    lexicon = load_lexicon(language)

    assert len(lexicon.cues) > 300
    for cue in lexicon.cues:
        kind, _, value = cue.target.partition(":")
        assert cue.target in (
            "functional",
            "entrepreneurial",
            "transactional",
            "learning",
            "none",
        ) or (
            (kind == "trait" and value in trait_vectors())
            or (kind in ("ambition", "relation") and value in POLES)
        )
        assert all(cue.parts)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_trait_has_a_label(language):
    messages = load_messages("grondvorm.recognition")

    for trait in trait_vectors():
        assert messages.get(f"trait_{trait.replace('.', '_')}", language)


def test_shipped_model_was_trained_with_the_current_lexicon():
    model = load_model()

    assert model.info["lexicon_fingerprint"] == lexicon_fingerprint(), (
        "the lexicon changed since the model was trained: run tools/train_recognition.py"
    )
    assert model.info["trained_on"] == "corpus dev split"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_shipped_compiled_lexicon_matches_its_sources(language):
    stored = lexicon_module._stored_cues(language)

    assert stored is not None, "run tools/train_recognition.py --compile after editing the lexicon"
    assert stored == lexicon_module.compile_lexicon(language)


def test_longest_match_wins_and_a_cue_counts_once():
    found = phrases("Joint procurement saves money; joint procurement also brings scale.", "en")

    assert found.count("joint procurement|purchasing") == 1
    assert "procure|procures|procured|purchases|purchased|buys|bought" not in found


def test_fillers_may_sit_inside_a_phrase():
    assert "care pathway|pathways|path" in phrases(
        "They agreed a care pathway for the patients.", "en"
    )
    assert "share|shared|sharing|split|splitting|divide ~ risk|risks" in phrases(
        "Both firms share all the risks involved.", "en"
    )


def test_exact_word_cue_ignores_stem_relatives():
    assert "=tender|=tenders" in phrases(
        "The tender closes next week and three builders take part.", "en"
    )
    assert "=tender|=tenders" not in phrases(
        "The peas are graded by tenderness and size per field.", "en"
    )


def test_near_cue_stays_within_one_sentence():
    found = phrases("They share the canteen. The risk of flooding is low in this valley.", "en")

    assert "share|shared|sharing|split|splitting|divide ~ risk|risks" not in found


def test_dutch_compound_suffix_cue():
    assert "*uitvoeringsorganisatie" in phrases(
        "Zij richtten een pensioenuitvoeringsorganisatie op voor de fondsen.", "nl"
    )


def test_dutch_verb_forms_reach_the_infinitive_stem():
    assert second_stem("deelt", "nl") == second_stem("deelt", "nl") == "deel"
    assert second_stem("investeert", "nl") == "investeer"
    assert second_stem("contracten", "nl") is None
    assert second_stem("shares", "en") is None


def test_words_keep_spans_clauses_and_sentences():
    text = "Eén team, twee taken. Drie!"
    found = Words(text)

    assert found.norm == ["een", "team", "twee", "taken", "drie"]
    assert found.lower == ["eén", "team", "twee", "taken", "drie"]
    assert found.written == ["Eén", "team", "twee", "taken", "Drie"]
    assert found.sentence == [0, 0, 0, 0, 1]
    assert found.clause == [0, 0, 1, 1, 2]
    assert [text[slice(*found.span(k))] for k in range(len(found))] == found.written
    assert text[slice(*found.span(1, 3))] == "team, twee taken"


def test_fold_removes_accents_and_case():
    assert fold("Coöperatie") == "cooperatie"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De gemeenten werken samen in een netwerk en delen hun ervaringen met elkaar.", "nl"),
        (
            "The councils work together in a network and share their experiences with each other.",
            "en",
        ),
        ("Die Gemeinden arbeiten in einem Netzwerk zusammen und teilen ihre Erfahrungen.", "de"),
        ("Shared service centre payroll", None),
    ],
)
def test_language_detection_by_function_words(text, expected):
    assert detect_language(Words(text).norm) == expected
