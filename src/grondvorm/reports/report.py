"""The report of a collaboration: what it shows (built from the stored results) and its HTML.

One template serves the HTML download and the PDF (see :mod:`grondvorm.reports.pdf`). Texts come
from ``messages_reports.toml``, not from the web app's gettext catalogue, so that a report in either
language needs nothing but this package. Everything typed by users reaches the template as plain
text and is escaped by Django's autoescaping; only the chart SVGs (escaped by
:mod:`grondvorm.reports.charts`) are inserted as markup.
"""

from __future__ import annotations

import base64
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from grondvorm.alignment import AGENDA_MAX_TOPICS, AGENDA_MIN_SPREAD, AlignmentResult, PartyResult
from grondvorm.forms import FORM_IDS, AxisId, FormsCatalogue
from grondvorm.language import Language, parse_language
from grondvorm.reports.charts import format_value, profile_bars_svg
from grondvorm.scan import load_instrument
from grondvorm.texts import load_messages

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "grondvorm_report/report.html"
_VIEWBOX_WIDTH = re.compile(r'viewBox="0 0 ([0-9.]+) ')
_TITLE_DESC = re.compile(r"<(title|desc)>[^<]*</\1>")
SECTIONS = ("forms", "map", "profiles", "divergence", "agenda", "agreements", "method")


def report_texts(language: str) -> dict[str, str]:
    """Every text of the report in one language (``messages_reports.toml``)."""
    messages = load_messages("grondvorm.reports", "messages_reports.toml")
    return dict(messages.tables[parse_language(language)])


def _text(key: str, language: str, **values: object) -> str:
    return load_messages("grondvorm.reports", "messages_reports.toml").get(key, language, **values)


@cache
def _engine():
    """A template engine of its own: the report does not depend on the web app's settings."""
    from django.template import Engine

    return Engine(
        dirs=[str(TEMPLATE_DIR)],
        autoescape=True,
        loaders=[
            ("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])
        ],
    )


def chart(svg: str, alt: str, for_pdf: bool):
    """A chart for the template: the inline SVG for the HTML report; for the PDF the same SVG as
    an ``<img>`` data URI, which WeasyPrint draws several times faster, still as vector graphics.

    The SVG is built by :mod:`grondvorm.reports.charts`, which escapes every text in it.
    """
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    if not svg or not for_pdf:
        return mark_safe(svg)
    found = _VIEWBOX_WIDTH.search(svg)
    width = found.group(1) if found else "600"
    svg = _TITLE_DESC.sub("", svg, count=2)  # the image's alt text says it; less to parse
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return format_html(
        '<img class="chart-image" alt="{}" src="data:image/svg+xml;base64,{}" '
        'style="width:100%;max-width:{}px">',
        alt,
        data,
        width,
    )


def long_date(day: date, language: str) -> str:
    """``12 maart 2026`` or ``12 March 2026``."""
    months = _text("months", language).split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def percent(value: float) -> str:
    return f"{round(100 * value)}%"


def quadrant_rows(catalogue: FormsCatalogue) -> list[list[Any]]:
    """The 2×2 as table rows, renew on top and share on the right, as on the map."""
    rows = []
    for ambition in (1, -1):
        pole = catalogue.axis(AxisId.AMBITION)
        label = pole.high_pole if ambition == 1 else pole.low_pole
        rows.append([label, *(catalogue.quadrant_form(ambition, rel) for rel in (-1, 1))])
    return rows


def _form_text(profile, catalogue: FormsCatalogue, language: Language) -> str:
    """The form's name; for a mixed profile the two leading forms; or "no clear form"."""
    if profile.hybrid:
        first, second = (catalogue.forms[form].name for form in profile.ranking[:2])
        return f"{first} / {second} ({_text('mixed', language)})"
    if profile.form is None:
        return _text("no_clear_form", language)
    return catalogue.forms[profile.form].name


def _profile_row(
    group: PartyResult, name: str, catalogue: FormsCatalogue, language: Language, for_pdf: bool
) -> dict[str, Any]:
    """A party (or the pooled group, or the whole) with its profile now and desired."""
    row: dict[str, Any] = {
        "name": name,
        "pooled": group.pooled,
        "members_text": ", ".join(group.members) if group.pooled else "",
        "respondents": _text("respondents_n", language, n=group.n),
        "change": _text(
            "change_form" if group.gap.form_changes else "change_same",
            language,
            distance=format_value(group.gap.distance, language, signed=False),
        ),
    }
    warnings: dict[str, None] = {}
    for view in ("now", "desired"):
        profile = getattr(group, view)
        label = f"{name}: {_text(f'view_{view}', language)}"
        svg = profile_bars_svg(
            {form.value: profile.scores[form] for form in FORM_IDS},
            language,
            title=label,
            highlight=profile.form.value if profile.form else None,
        )
        row[f"{view}_chart"] = chart(svg, label, for_pdf)
        row[f"{view}_form"] = _form_text(profile, catalogue, language)
        row[f"{view}_axes"] = _text(
            "axes_values",
            language,
            ambition=format_value(profile.axes[AxisId.AMBITION], language),
            relation=format_value(profile.axes[AxisId.RELATION], language),
        )
        warnings.update(dict.fromkeys(warning.message(language) for warning in profile.warnings))
    row["warnings"] = list(warnings)
    return row


def _alignment_rows(base: dict[str, Any], language: Language) -> list[dict[str, Any]]:
    rows = []
    for view in ("desired", "now"):
        item = base["alignment"][view]
        measure = item["measure"]
        if measure.same_form:
            sentence = _text("same_form", language, form=item["modal_form"])
        elif item["modal_form"]:
            sentence = _text("different_forms", language, form=item["modal_form"])
        else:
            sentence = _text("no_form", language)
        rows.append(
            {
                "view": _text(f"view_{view}", language),
                "percent": item["percent"],
                "level": _text(f"level_{measure.level}", language),
                "sentence": sentence,
                "distance": format_value(measure.mean_axis_distance, language, signed=False),
            }
        )
    return rows


def _agenda_rows(result: AlignmentResult, language: Language) -> list[dict[str, Any]]:
    return [
        {
            "title": topic.title,
            "question": topic.question,
            "apart": _text(
                "furthest_apart",
                language,
                a=topic.parties[0],
                b=topic.parties[1],
                view=_text(f"view_{topic.view}", language).lower(),
            ),
            "spread": format_value(topic.spread, language, signed=False),
            "statements": topic.statements,
        }
        for topic in result.agenda
    ]


def _method(collaboration, result: AlignmentResult, language: Language) -> dict[str, Any]:
    """Instrument, respondents per party and what the privacy rule did with each party."""
    from grondvorm.web import store

    instrument = load_instrument()
    threshold = result.min_respondents
    has_pool = any(group.pooled for group in result.parties)
    parties, pooled, left_out = [], [], []
    for row in store.progress(collaboration):
        n = row["submitted"]
        if n == 0:
            status = "status_none"
        elif n >= threshold:
            status = "status_own"
        else:
            status = "status_pooled" if has_pool else "status_left_out"
            (pooled if has_pool else left_out).append(row["party"].name)
        parties.append({"name": row["party"].name, "n": n, "status": _text(status, language)})
    pooled_name = load_messages("grondvorm.alignment").get("pooled_party", language)
    privacy = [_text("privacy_rule", language, n=threshold, pooled=pooled_name)]
    if pooled:
        privacy.append(_text("privacy_pooled", language, parties=", ".join(pooled)))
    if left_out:
        privacy.append(
            _text("privacy_left_out", language, parties=", ".join(left_out), n=result.hidden)
        )
    if not pooled and not left_out:
        privacy.append(_text("privacy_all_own", language))
    from grondvorm.scan.scoring import AXIS_BLEND, FORM_THRESHOLD

    return {
        "instrument": _text(
            "instrument_line",
            language,
            title=instrument.titles[language],
            id=instrument.id,
            version=instrument.version,
            statements=len(instrument.statements),
        ),
        "parties": parties,
        "total": result.respondents,
        "privacy": privacy,
        "scoring": [
            _text("scoring_answers", language, statements=len(instrument.statements)),
            _text("scoring_groups", language),
            _text("scoring_dimensions", language),
            _text(
                "scoring_forms",
                language,
                quadrant=percent(AXIS_BLEND),
                evidence=percent(1 - AXIS_BLEND),
                threshold=percent(FORM_THRESHOLD),
            ),
            _text("scoring_alignment", language),
            _text(
                "scoring_agenda",
                language,
                spread=format_value(AGENDA_MIN_SPREAD, language, signed=False),
                topics=AGENDA_MAX_TOPICS,
            ),
        ],
    }


def report_context(
    collaboration, language: str, *, today: date | None = None, for_pdf: bool = False
) -> dict[str, Any]:
    """Everything the report template shows, for a stored collaboration."""
    from grondvorm.web import store
    from grondvorm.web.presenters import results_context

    lang = parse_language(language)
    result = store.results(collaboration, lang)
    base = results_context(result, lang, store.agreement_checks(collaboration))
    catalogue: FormsCatalogue = base["catalogue"]
    texts = report_texts(lang)
    return {
        "lang": lang,
        "t": texts,
        "name": collaboration.name,
        "description": collaboration.description,
        "date": long_date(today or date.today(), lang),
        "has_results": bool(result.parties),
        "facts": [
            (texts["fact_parties"], str(collaboration.parties.count())),
            (texts["fact_respondents"], str(result.respondents)),
            (texts["fact_threshold"], str(result.min_respondents)),
        ],
        "catalogue": catalogue,
        "relation_axis": catalogue.axis(AxisId.RELATION),
        "ambition_axis": catalogue.axis(AxisId.AMBITION),
        "quadrants": quadrant_rows(catalogue),
        "map_chart": chart(base["map_svg"], texts["section_map"], for_pdf),
        "alignment": _alignment_rows(base, lang) if result.parties else [],
        "overall": None
        if result.overall is None
        else _profile_row(result.overall, texts["overall"], catalogue, lang, for_pdf),
        "parties": [
            _profile_row(group, group.name, catalogue, lang, for_pdf) for group in result.parties
        ],
        "heatmap_desired": chart(
            base["heatmap_desired"],
            f"{texts['section_divergence']}: {texts['view_desired']}",
            for_pdf,
        ),
        "heatmap_now": chart(
            base["heatmap_now"], f"{texts['section_divergence']}: {texts['view_now']}", for_pdf
        ),
        "agenda": _agenda_rows(result, lang),
        "checklist": base["checklist"],
        "agreed": sum(1 for item in base["checklist"] if item["done"]),
        "method": _method(collaboration, result, lang),
        "sections": [(key, texts[f"section_{key}"]) for key in SECTIONS],
    }


def render_report_html(
    collaboration, language: str, *, today: date | None = None, for_pdf: bool = False
) -> str:
    """The report as one self-contained HTML document (styles and charts inline)."""
    from django.template import Context

    template = _engine().get_template(TEMPLATE)
    context = report_context(collaboration, language, today=today, for_pdf=for_pdf)
    return template.render(Context(context))
