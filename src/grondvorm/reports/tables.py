"""Exports as tables: the answers in long form (CSV), and a workbook with one sheet per view (XLSX).

The long form has one row per respondent × statement. Respondents are anonymous: a sequence number
per collaboration (R001, R002, … in the order of the parties and of their arrival), never a token,
a name or a time. The profiles and divergence sheets come from the same results as the results page
(:func:`grondvorm.web.store.results`), so parties below the privacy threshold are pooled there too.
Columns are described in docs/reports.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from grondvorm.alignment import AlignmentResult
from grondvorm.forms import AXIS_IDS, FORM_IDS, load_catalogue
from grondvorm.language import parse_language
from grondvorm.scan import load_instrument
from grondvorm.texts import load_messages

ANSWER_COLUMNS: tuple[str, ...] = (
    "collaboration",
    "party",
    "respondent",
    "submitted",
    "statement",
    "dimension",
    "statement_text",
    "now",
    "desired",
)
SHEETS: tuple[str, ...] = ("answers", "profiles", "divergence", "agenda", "agreements")
DECIMALS = 4
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(key: str, language: str, **values: object) -> str:
    return load_messages("grondvorm.reports", "messages_tables.toml").get(key, language, **values)


def safe_text(value: str) -> str:
    """User text that a spreadsheet will not run as a formula (a leading ``'`` when needed)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def respondent_label(number: int) -> str:
    return f"R{number:03d}"


def answer_rows(
    collaboration, language: str, *, localized: bool = False
) -> Iterator[tuple[Any, ...]]:
    """The long form: every respondent (submitted or not) × every statement of the instrument;
    ``now``/``desired`` are empty for "don't know" and for statements not answered. ``submitted``
    is ``yes``/``no``, or in ``language`` when ``localized`` (the workbook)."""
    from grondvorm.web.models import Answer, Respondent

    lang = parse_language(language)
    instrument = load_instrument()
    given: dict[int, dict[str, tuple[int | None, int | None]]] = {}
    rows = Answer.objects.filter(respondent__party__collaboration=collaboration)
    for respondent_id, sid, now, desired in rows.values_list(
        "respondent_id", "statement_id", "now", "desired"
    ).iterator(chunk_size=5000):
        given.setdefault(respondent_id, {})[sid] = (now, desired)
    respondents = (
        Respondent.objects.filter(party__collaboration=collaboration)
        .select_related("party")
        .order_by("party_id", "id")
    )
    name = safe_text(collaboration.name)
    yes, no = (_text("yes", lang), _text("no", lang)) if localized else ("yes", "no")
    for number, respondent in enumerate(respondents, start=1):
        answers = given.get(respondent.pk, {})
        party = safe_text(respondent.party.name)
        submitted = yes if respondent.submitted_at is not None else no
        for statement in instrument.statements:
            now, desired = answers.get(statement.id, (None, None))
            yield (
                name,
                party,
                respondent_label(number),
                submitted,
                statement.id,
                statement.dimension,
                statement.texts[lang],
                now,
                desired,
            )


def csv_text(collaboration, language: str) -> str:
    """The answers in long form as CSV (comma-separated, header row, UTF-8 text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ANSWER_COLUMNS)
    writer.writerows(
        tuple("" if value is None else value for value in row)
        for row in answer_rows(collaboration, language)
    )
    return buffer.getvalue()


# ----------------------------------------------------------------------------- workbook views


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def profile_rows(result: AlignmentResult, language: str) -> list[tuple[Any, ...]]:
    """Per group (the whole first, then the parties as shown, pooled included) and view."""
    catalogue = load_catalogue(language)
    yes, no = _text("yes", language), _text("no", language)
    groups = ([result.overall] if result.overall is not None else []) + list(result.parties)
    rows = []
    for group in groups:
        members = ", ".join(group.members) if group.pooled else ""
        for view in ("now", "desired"):
            profile = getattr(group, view)
            rows.append(
                (
                    safe_text(group.name),
                    group.n,
                    safe_text(members),
                    _text(f"view_{view}", language),
                    catalogue.forms[profile.form].name if profile.form else "",
                    yes if profile.hybrid else no,
                    *(_rounded(profile.scores[form]) for form in FORM_IDS),
                    *(_rounded(profile.axes[axis]) for axis in AXIS_IDS),
                )
            )
    return rows


def divergence_rows(result: AlignmentResult, language: str) -> list[tuple[Any, ...]]:
    """Party × dimension scores per view, each view closed by its spread row."""
    dimensions = list(load_instrument().dimensions)
    rows = []
    for view in ("desired", "now"):
        label = _text(f"view_{view}", language)
        for group in result.parties:
            scores = getattr(group, view).dimensions
            rows.append(
                (label, safe_text(group.name), *(_rounded(scores.get(d)) for d in dimensions))
            )
        spreads = {item.key: item.spread for item in result.dimension_divergence[view]}
        rows.append(
            (label, _text("spread", language), *(_rounded(spreads.get(d)) for d in dimensions))
        )
    return rows


def agenda_rows(result: AlignmentResult, language: str) -> list[tuple[Any, ...]]:
    return [
        (
            number,
            topic.title,
            topic.question,
            _text(f"view_{topic.view}", language),
            _rounded(topic.spread),
            safe_text(topic.parties[0]),
            safe_text(topic.parties[1]),
            "\n".join(topic.statements),
        )
        for number, topic in enumerate(result.agenda, start=1)
    ]


def agreement_rows(result: AlignmentResult, checks: dict, language: str) -> list[tuple[Any, ...]]:
    catalogue = load_catalogue(language)
    yes, no = _text("yes", language), _text("no", language)
    rows = []
    for item in result.agreements:
        check = checks.get(item.key)
        rows.append(
            (
                catalogue.forms[item.form].name,
                item.index + 1,
                item.text,
                yes if check is not None and check.done else no,
                safe_text(check.note) if check is not None else "",
            )
        )
    return rows


def _headers(sheet: str, language: str) -> list[str]:
    if sheet == "answers":
        return [_text(f"col_{column}", language) for column in ANSWER_COLUMNS]
    if sheet == "profiles":
        catalogue = load_catalogue(language)
        return [
            _text("col_party", language),
            _text("col_respondents", language),
            _text("col_pooled_from", language),
            _text("col_view", language),
            _text("col_form", language),
            _text("col_mixed", language),
            *(_text("col_probability", language, form=catalogue.forms[f].name) for f in FORM_IDS),
            *(catalogue.axis(axis).name for axis in AXIS_IDS),
        ]
    if sheet == "divergence":
        instrument = load_instrument()
        names = [d.names[parse_language(language)] for d in instrument.dimensions.values()]
        return [_text("col_view", language), _text("col_party", language), *names]
    keys = {
        "agenda": (
            "number",
            "topic",
            "question",
            "view",
            "spread",
            "party_a",
            "party_b",
            "statements",
        ),
        "agreements": ("form", "item", "agreement", "agreed", "note"),
    }[sheet]
    return [_text(f"col_{key}", language) for key in keys]


def _write_sheet(sheet, header: Sequence[str], rows) -> None:
    from openpyxl.styles import Font

    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    for column in sheet.columns:
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, longest + 2))


def xlsx_bytes(collaboration, language: str) -> bytes:
    """The workbook: answers (long form), profiles, divergence, agenda, agreements."""
    from openpyxl import Workbook

    from grondvorm.web import store

    lang = parse_language(language)
    result = store.results(collaboration, lang)
    views = {
        "answers": answer_rows(collaboration, lang, localized=True),
        "profiles": profile_rows(result, lang),
        "divergence": divergence_rows(result, lang),
        "agenda": agenda_rows(result, lang),
        "agreements": agreement_rows(result, store.agreement_checks(collaboration), lang),
    }
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key in SHEETS:
        _write_sheet(
            workbook.create_sheet(_text(f"sheet_{key}", lang)), _headers(key, lang), views[key]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
