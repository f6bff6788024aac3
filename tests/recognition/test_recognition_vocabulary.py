"""The vocabulary works out a word once for the lexicon and the model, and forgets at its limit."""

from __future__ import annotations

import pytest

from grondvorm.recognition.lexicon import load_lexicon
from grondvorm.recognition.text import fold, stemmer_function
from grondvorm.recognition.vocabulary import INERT, Vocabulary, shipped_words, vocabulary


def test_a_word_asked_for_by_the_model_is_known_to_the_lexicon_too():
    words = Vocabulary("nl")
    assert words.feature_keys["risico's"] == ("nl:risico", "+risico")
    assert "risico's" in words.lexicon_keys  # learned at the same time, not asked yet
    assert words.lexicon_keys["risico's"].keys[0] == "risico"


def test_only_keys_the_lexicon_holds_are_kept_and_words_with_the_same_keys_share_them():
    words = Vocabulary("en")
    lexicon_keys = load_lexicon("en").keys
    partners = words.lexicon_keys["partners"]
    assert partners.keys and set(partners.keys) <= lexicon_keys
    assert "=partners" not in partners.keys  # the lexicon has no cue for this exact word
    assert words.lexicon_keys["partner"] is partners


def test_stopwords_and_short_stems_are_no_features():
    words = Vocabulary("en")
    assert words.lexicon_keys["without"].starts  # "without delay", "without ~ charge"
    assert words.feature_keys["the"] is None  # a stopword
    assert words.feature_keys["ab"] is None  # too short
    assert words.feature_keys["partners"] == ("en:partner", "+partner")


def test_a_word_the_lexicon_does_not_know_is_inert():
    words = Vocabulary("en")
    assert words.lexicon_keys["xylophonist"] is INERT
    assert words.feature_keys["xylophonist"] == ("en:xylophonist", "+xylophonist")


def test_a_dutch_verb_form_carries_the_stem_of_its_infinitive():
    keys = Vocabulary("nl").lexicon_keys["investeert"].keys
    assert "investeert" in keys and stemmer_function("nl")("investeren") in keys


def test_the_vocabulary_forgets_everything_at_its_limit_and_learns_again():
    words = Vocabulary("nl", limit=3, shipped=False)
    for word in ("gemeenten", "delen", "kennis"):
        words.feature_keys[word]
    assert len(words.lexicon_keys) == len(words.feature_keys) == 3
    assert words.lexicon_keys["samen"] == vocabulary("nl").lexicon_keys["samen"]
    assert set(words.lexicon_keys) == set(words.feature_keys) == {"samen"}


def test_past_its_limit_the_vocabulary_forgets_what_it_learned_but_keeps_the_shipped_words():
    words = Vocabulary("en", limit=2)
    shipped = set(words.lexicon_keys)
    assert "partners" in shipped and "xylophonist" not in shipped
    for word in ("xylophonist", "zygote", "quasar"):
        words.lexicon_keys[word]
    assert set(words.lexicon_keys) == set(words.feature_keys) == shipped | {"quasar"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_shipped_words_are_current_and_are_what_learning_them_gives(language):
    found = shipped_words(language)
    assert found is not None, "run tools/train_recognition.py --compile after editing the lexicon"
    stems, _ = found
    assert len(stems) > 3000
    learned, shipped = Vocabulary(language, shipped=False), Vocabulary(language)
    for word in stems:
        assert shipped.feature_keys[word] == learned.feature_keys[word], word
        assert shipped.lexicon_keys[word] == learned.lexicon_keys[word], word
    assert sum(shipped.lexicon_keys[word] is not INERT for word in stems) > 500


def test_the_shared_vocabulary_agrees_with_the_stemmer():
    shared = vocabulary("nl")
    for word in ("Coöperatie".lower(), "ziekenhuizen", "samenwerkingsverband"):
        stem = stemmer_function("nl")(fold(word))
        assert shared.feature_keys[word] == (f"nl:{stem}", f"+{stem}")
