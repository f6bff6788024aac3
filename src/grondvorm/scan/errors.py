"""Errors and warnings of the scan, each a code with parameters and a text in nl or en."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from grondvorm.texts import load_messages

PERSPECTIVES: tuple[str, ...] = ("now", "desired")


def scan_text(key: str, language: str, /, **params: Any) -> str:
    """A text from ``scan/messages.toml``; list parameters are joined with commas."""
    values = {
        name: ", ".join(map(str, value)) if isinstance(value, list | tuple) else value
        for name, value in params.items()
    }
    perspective = values.pop("perspective", None)
    statement = values.get("statement")
    if statement is not None:
        where = str(statement)
        if perspective is not None:
            where += f" ({scan_text(f'perspective_{perspective}', language)})"
        values["where"] = where
    return load_messages("grondvorm.scan").get(key, language, **values)


class ResponseError(ValueError):
    """A response (or a set of answers) that cannot be scored. ``str()`` is the English text;
    :meth:`message` gives it in another language. ``statement`` names the statement at fault,
    if any."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        self.statement: str | None = params.get("statement")
        super().__init__(self.message("en"))

    def message(self, language: str = "en") -> str:
        return scan_text(self.code, language, **self.params)


@dataclass(frozen=True)
class ScoringWarning:
    """Something in the answers that weakens the profile (see docs/scoring.md, "Warnings")."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, language: str = "en") -> str:
        return scan_text(self.code, language, **self.params)

    def __hash__(self) -> int:
        """Hashable despite the dict, so warnings can be de-duplicated (``dict.fromkeys``)."""
        return hash((self.code, json.dumps(self.params, sort_keys=True, default=str)))

    def to_dict(self, language: str = "en") -> dict[str, str]:
        return {"code": self.code, "message": self.message(language)}
