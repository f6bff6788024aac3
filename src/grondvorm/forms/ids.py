"""Stable identifiers of the four forms and the two axes, and parsing of user input."""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class FormId(StrEnum):
    """The four basic forms. The values are the stable ids used in files, APIs and databases."""

    FUNCTIONAL = "functional"
    ENTREPRENEURIAL = "entrepreneurial"
    TRANSACTIONAL = "transactional"
    LEARNING = "learning"


class AxisId(StrEnum):
    """The two axes. ``ambition`` runs from improve (-1) to renew (+1); ``relation`` from
    exchange (-1) to share (+1)."""

    AMBITION = "ambition"
    RELATION = "relation"


FORM_IDS: tuple[FormId, ...] = tuple(FormId)
AXIS_IDS: tuple[AxisId, ...] = tuple(AxisId)

# Where each form sits: (ambition, relation), the corner of its quadrant.
QUADRANTS: dict[FormId, tuple[int, int]] = {
    FormId.FUNCTIONAL: (-1, +1),  # improve, share
    FormId.ENTREPRENEURIAL: (+1, +1),  # renew, share
    FormId.TRANSACTIONAL: (-1, -1),  # improve, exchange
    FormId.LEARNING: (+1, -1),  # renew, exchange
}

# Names accepted as input besides the ids: the Dutch names and older or alternative names.
ALIASES: dict[str, FormId] = {
    "functioneel": FormId.FUNCTIONAL,
    "ondernemend": FormId.ENTREPRENEURIAL,
    "alliantie": FormId.ENTREPRENEURIAL,
    "transactioneel": FormId.TRANSACTIONAL,
    "lerend": FormId.LEARNING,
    "verkennend": FormId.LEARNING,
    "ontwikkelend": FormId.LEARNING,
}


class UnknownFormError(ValueError):
    """Raised when user input names no form, or names more than one."""

    def __init__(self, given: str, candidates: tuple[FormId, ...] = ()) -> None:
        self.given = given
        self.candidates = candidates
        valid = ", ".join(FORM_IDS)
        if candidates:
            names = ", ".join(candidates)
            message = f"{given!r} is ambiguous: it could be {names}. Valid names: {valid}"
        else:
            message = (
                f"unknown form {given!r}. Valid names: {valid} (or in Dutch: "
                + ", ".join(
                    name
                    for name in ALIASES
                    if name not in ("alliantie", "verkennend", "ontwikkelend")
                )
                + ")"
            )
        super().__init__(message)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_form_id(text: str | FormId) -> FormId:
    """Turn an id, a Dutch name or an unambiguous prefix of either into a :class:`FormId`.

    >>> parse_form_id("ondernemend")
    <FormId.ENTREPRENEURIAL: 'entrepreneurial'>
    >>> parse_form_id("trans")
    <FormId.TRANSACTIONAL: 'transactional'>
    """
    if isinstance(text, FormId):
        return text
    folded = _fold(text)
    names: dict[str, FormId] = {form.value: form for form in FormId} | ALIASES
    if folded in names:
        return names[folded]
    if not folded:
        raise UnknownFormError(text)
    matches = tuple(dict.fromkeys(form for name, form in names.items() if name.startswith(folded)))
    if len(matches) == 1:
        return matches[0]
    raise UnknownFormError(text, matches)


def form_at(ambition: float, relation: float) -> FormId:
    """The form whose quadrant holds the point (ambition, relation); ties go to the nearer corner
    by the order of :data:`FORM_IDS`."""
    return min(
        FORM_IDS,
        key=lambda form: (
            (QUADRANTS[form][0] - ambition) ** 2 + (QUADRANTS[form][1] - relation) ** 2
        ),
    )
