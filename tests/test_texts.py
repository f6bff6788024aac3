"""Every message file has the same keys in Dutch and English, and no empty text."""

from __future__ import annotations

import re

import pytest

from grondvorm.texts import MissingTextError, all_message_files, load_messages

MESSAGE_FILES = sorted(all_message_files())


def test_message_files_are_found():
    assert ("grondvorm.cli", "messages.toml") in MESSAGE_FILES


@pytest.mark.parametrize(("package", "filename"), MESSAGE_FILES)
def test_message_file_is_complete_in_both_languages(package, filename):
    messages = load_messages(package, filename)

    assert messages.keys("nl") == messages.keys("en")
    assert messages.keys("nl")
    for language in ("nl", "en"):
        assert all(text.strip() for text in messages.tables[language].values())


def test_missing_key_names_the_file_and_key():
    with pytest.raises(
        MissingTextError, match=re.escape("grondvorm.cli/messages.toml: no text 'nope' for en")
    ):
        load_messages("grondvorm.cli").get("nope", "en")
