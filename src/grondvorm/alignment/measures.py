"""Alignment, divergence and gap measures between party profiles."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations
from statistics import fmean

from grondvorm.alignment.model import Alignment, Divergence, Gap
from grondvorm.forms import AXIS_IDS, FORM_IDS, FormId

MAX_AXIS_DISTANCE = 2 * math.sqrt(2)  # opposite corners of the 2×2
HIGH_ALIGNMENT = 0.8
MEDIUM_ALIGNMENT = 0.6
GAP_STATEMENTS = 5


def centred(value: float | None) -> float | None:
    """An answer on 1..5 as -1..1 (3 is 0)."""
    return None if value is None else (value - 3.0) / 2.0


def axis_distance(first, second) -> float:
    """Distance between two profiles on the 2×2, scaled to 0 … 1."""
    squared = sum((first.axes[axis] - second.axes[axis]) ** 2 for axis in AXIS_IDS)
    return math.sqrt(squared) / MAX_AXIS_DISTANCE


def form_distance(first, second) -> float:
    """Total variation distance between two form distributions, 0 … 1."""
    return 0.5 * sum(abs(first.scores[form] - second.scores[form]) for form in FORM_IDS)


def alignment_level(score: float) -> str:
    if score >= HIGH_ALIGNMENT:
        return "high"
    if score >= MEDIUM_ALIGNMENT:
        return "medium"
    return "low"


def measure_alignment(view: str, profiles: Sequence) -> Alignment:
    """Alignment of the groups' profiles in one view.

    score = 1 − mean over all pairs of groups of ½·(axis distance + form distance); both distances
    run from 0 to 1, so the score does too. One group (or none) is fully aligned with itself.
    """
    forms = [profile.form for profile in profiles if profile.form is not None]
    counts = Counter(forms)
    modal = None
    if counts:
        top = max(counts.values())
        modal = next(form for form in FORM_IDS if counts.get(form) == top)
    agreement = counts[modal] / len(profiles) if profiles and modal else 0.0
    pairs = list(combinations(profiles, 2))
    if pairs:
        mean_axis = fmean(axis_distance(a, b) for a, b in pairs)
        mean_form = fmean(form_distance(a, b) for a, b in pairs)
    else:
        mean_axis = mean_form = 0.0
    score = 1.0 - 0.5 * (mean_axis + mean_form)
    return Alignment(
        view=view,
        modal_form=modal,
        same_form=bool(profiles) and len(set(p.form for p in profiles)) == 1 and modal is not None,
        form_agreement=agreement,
        mean_axis_distance=mean_axis,
        score=score,
        level=alignment_level(score),
    )


def divergence(key: str, view: str, values: Mapping[str, float]) -> Divergence | None:
    """Spread of one score over the groups (None with fewer than two groups having a value)."""
    if len(values) < 2:
        return None
    names = list(values)
    low = min(names, key=lambda name: values[name])
    high = max(names, key=lambda name: values[name])
    return Divergence(
        key=key,
        view=view,
        spread=values[high] - values[low],
        low_party=low,
        high_party=high,
        values=dict(values),
    )


def gap(
    now, desired, mean_now: Mapping[str, float | None], mean_desired: Mapping[str, float | None]
) -> Gap:
    """How a group's desired collaboration differs from how it sees it now."""
    axes = {axis.value: desired.axes[axis] - now.axes[axis] for axis in AXIS_IDS}
    dimensions = {
        dim: desired.dimensions[dim] - now.dimensions[dim]
        for dim in now.dimensions
        if dim in desired.dimensions
    }
    differences = []
    for sid in sorted(set(mean_now) & set(mean_desired)):
        a, b = centred(mean_now[sid]), centred(mean_desired[sid])
        if a is not None and b is not None and abs(b - a) > 1e-9:
            differences.append((sid, b - a))
    differences.sort(key=lambda item: (-abs(item[1]), item[0]))
    return Gap(
        axes=axes,
        distance=math.sqrt(sum(value**2 for value in axes.values())) / MAX_AXIS_DISTANCE,
        form_changes=now.form != desired.form,
        dimensions=dimensions,
        statements=tuple(differences[:GAP_STATEMENTS]),
    )


def forms_named(profiles: Sequence) -> list[FormId]:
    return [form for form in FORM_IDS if any(profile.form == form for profile in profiles)]
