"""Turn an alignment result into what the results pages and the live view show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grondvorm.alignment import AlignmentResult, PartyResult
from grondvorm.forms import FORM_IDS, AxisId, load_catalogue
from grondvorm.scan import load_instrument


@dataclass(frozen=True)
class ProfileView:
    form_name: str | None
    hybrid: bool
    scores: list[tuple[str, int]]  # (form name, percentage)
    leading: tuple[str, str]  # the two most likely forms, for a mixed profile
    ambition: float
    relation: float
    warnings: list[str]


def profile_view(profile, language: str) -> ProfileView:
    catalogue = load_catalogue(language)
    return ProfileView(
        form_name=catalogue.forms[profile.form].name if profile.form else None,
        hybrid=profile.hybrid,
        scores=[(catalogue.forms[f].name, round(100 * profile.scores[f])) for f in FORM_IDS],
        leading=tuple(catalogue.forms[f].name for f in profile.ranking[:2]),
        ambition=profile.axes[AxisId.AMBITION],
        relation=profile.axes[AxisId.RELATION],
        warnings=[warning.message(language) for warning in profile.warnings],
    )


def _point(group: PartyResult, kind: str):
    from grondvorm.reports.charts import MapPoint

    def position(profile) -> tuple[float, float]:
        return (profile.axes[AxisId.AMBITION], profile.axes[AxisId.RELATION])

    return MapPoint(
        label=group.name, now=position(group.now), desired=position(group.desired), kind=kind
    )


def results_context(result: AlignmentResult, language: str, checks: dict[str, Any] | None = None):
    """Everything the results templates need, in the given language."""
    from grondvorm.reports.charts import heatmap_svg, map_svg

    instrument = load_instrument()
    catalogue = load_catalogue(language)
    groups = list(result.parties)
    points = [_point(g, "pooled" if g.pooled else "party") for g in groups]
    if result.overall is not None and len(groups) > 1:
        points.append(_point(result.overall, "overall"))
    dimension_ids = list(instrument.dimensions)
    columns = [(d, instrument.dimensions[d].names[language]) for d in dimension_ids]
    heatmaps = {}
    for view in ("now", "desired"):
        values = {
            (g.name, d): getattr(g, view).dimensions.get(d) for g in groups for d in dimension_ids
        }
        heatmaps[view] = (
            heatmap_svg(
                [g.name for g in groups],
                columns,
                values,
                language,
                spread_row={d.key: d.spread for d in result.dimension_divergence[view]}
                if len(groups) > 1
                else None,
            )
            if groups
            else ""
        )
    checks = checks or {}
    checklist = [
        {
            "key": item.key,
            "form": item.form.value,
            "form_name": catalogue.forms[item.form].name,
            "index": item.index,
            "text": item.text,
            "done": bool(checks.get(item.key) and checks[item.key].done),
            "note": checks[item.key].note if checks.get(item.key) else "",
        }
        for item in result.agreements
    ]
    return {
        "result": result,
        "catalogue": catalogue,
        "map_svg": map_svg(points, language) if points else "",
        "heatmap_now": heatmaps["now"],
        "heatmap_desired": heatmaps["desired"],
        "overall": None
        if result.overall is None
        else {
            "n": result.overall.n,
            "now": profile_view(result.overall.now, language),
            "desired": profile_view(result.overall.desired, language),
        },
        "parties": [
            {
                "name": g.name,
                "n": g.n,
                "pooled": g.pooled,
                "members": g.members,
                "now": profile_view(g.now, language),
                "desired": profile_view(g.desired, language),
                "gap": g.gap,
            }
            for g in groups
        ],
        "alignment": {
            view: {
                "measure": measure,
                "percent": round(100 * measure.score),
                "modal_form": catalogue.forms[measure.modal_form].name
                if measure.modal_form
                else None,
            }
            for view, measure in result.alignment.items()
        },
        "agenda": result.agenda,
        "checklist": checklist,
    }
