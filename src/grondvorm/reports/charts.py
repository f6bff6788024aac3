"""Pure-Python SVG charts for the results page (inline SVG) and the PDF/HTML report.

Four charts: the 2×2 map of the forms (:func:`map_svg`), a heat map of values per party and
dimension (:func:`heatmap_svg`), the likelihood of each form (:func:`profile_bars_svg`) and the two
axis scales (:func:`axis_bars_svg`).

Every chart is a self-contained SVG 1.1 string: no ids, no scripts, no external resources, so several
charts can sit inline on one page. The output is deterministic. Meaning never rests on colour alone:
forms, poles and values are printed, and now/desired differ by a hollow or filled marker. All text
from user input is XML-escaped; characters XML 1.0 cannot hold are replaced by U+FFFD.

The ``title`` argument becomes the SVG's ``<title>`` (its accessible name and tooltip); it is not
drawn, since the page or report around the chart has its own heading.
"""

from __future__ import annotations

import colorsys
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grondvorm.forms import (
    FORM_IDS,
    QUADRANTS,
    AxisId,
    FormId,
    FormsCatalogue,
    form_at,
    load_catalogue,
    parse_form_id,
)
from grondvorm.language import Language, parse_language
from grondvorm.texts import Messages, load_messages

__all__ = [
    "MAP_INSET",
    "MAP_LEFT",
    "MAP_SIZE",
    "MAP_TOP",
    "MAP_WIDTH",
    "MISSING",
    "POINT_KINDS",
    "MapPoint",
    "axis_bars_svg",
    "column_spreads",
    "format_value",
    "heatmap_svg",
    "map_position",
    "map_svg",
    "profile_bars_svg",
    "quadrant_rect",
]

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
INK = "#1f2a44"
MUTED = "#4d4d4d"
LINE = "#8c8c8c"
WHITE = "#ffffff"
MISSING = "–"  # printed for a value that is missing (en dash)
MINUS = "−"  # U+2212, printed for negative values

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

# --- the map's geometry (viewBox units); the data range [-1, 1] lies MAP_INSET inside the square
MAP_WIDTH = 600
MAP_LEFT = 70
MAP_TOP = 40
MAP_SIZE = 460
MAP_INSET = 42
POINT_KINDS: tuple[str, ...] = ("party", "pooled", "overall")
_MARKER_SIZE = {"party": 6.5, "pooled": 6.0, "overall": 9.0}
_QUADRANT_TINT = {
    FormId.LEARNING: "#fbf2dc",
    FormId.ENTREPRENEURIAL: "#e6f2e3",
    FormId.TRANSACTIONAL: "#e7eef8",
    FormId.FUNCTIONAL: "#f0e8f5",
}
_LEGEND_LEFT = 40
_LEGEND_RIGHT = MAP_WIDTH - 40
_LINE_HEIGHT = 19
_LEGEND_MAX_ROWS = 10  # longer lists are spread over more columns

# --- the heat map's geometry
_PAD = 20
_CELL_W = 64
_CELL_H = 26
_ROW_LABEL_MAX = 220
_COLUMN_LABEL_MAX = 170


def _messages() -> Messages:
    return load_messages("grondvorm.reports", "messages_charts.toml")


# ----------------------------------------------------------------------------- SVG basics

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: object) -> str:
    """The text on one line, without characters XML 1.0 cannot hold."""
    return " ".join(_NOT_XML.sub("\ufffd", str(text)).split())


def _esc(text: object) -> str:
    """Text escaped for an XML text node."""
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_attr(text: object) -> str:
    """Text escaped for a double-quoted XML attribute."""
    return _esc(text).replace('"', "&quot;").replace("'", "&#x27;")


def _num(value: float) -> str:
    """A coordinate, short and stable: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: Mapping[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, int | float):  # digits, "-" and ".": nothing to escape
            parts.append(f' {name}="{_num(value)}"')
        else:
            parts.append(f' {name}="{_esc_attr(str(value))}"')
    return "".join(parts)


def _tag(name: str, content: str | None = None, /, **attrs: object) -> str:
    """An element; ``content`` must already be escaped markup."""
    if content is None:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 12,
    anchor: str = "start",
    bold: bool = False,
    fill: str = INK,
    cls: str | None = None,
    **extra: object,
) -> str:
    return _tag(
        "text",
        _esc(text),
        x=x,
        y=y,
        font_size=size,
        text_anchor=None if anchor == "start" else anchor,
        font_weight="bold" if bold else None,
        fill=fill,
        class_=cls,
        **extra,
    )


def _document(
    kind: str, width: float, height: float, title: str, desc: str, body: list[str]
) -> str:
    """The root ``<svg>``: scales to its container, at most its natural width."""
    head = _attrs(
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "version": "1.1",
            "viewBox": f"0 0 {_num(width)} {_num(height)}",
            "width": "100%",
            "style": f"max-width:{_num(width)}px;height:auto",
            "role": "img",
            "font_family": FONT_FAMILY,
            "class_": f"grondvorm-chart grondvorm-{kind}",
        }
    )
    background = _tag("rect", width=width, height=height, fill=WHITE)
    inner = "".join([_tag("title", _esc(title)), _tag("desc", _esc(desc)), background, *body])
    return f"<svg{head}>{inner}</svg>"


# Approximate advance widths of DejaVu Sans in em; good enough to lay out labels.
_WIDTHS = [("ijl.,:;'!|", 0.30), ("frtI()[] -/", 0.40), ("mwMW%", 0.95), ("0123456789+−–", 0.64)]


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate of the drawn width of ``text`` in viewBox units (slightly generous)."""
    total = 0.0
    for char in _clean(text):
        width = next((w for chars, w in _WIDTHS if char in chars), None)
        if width is None:
            width = 0.73 if char.isupper() else 0.62
        total += width
    return total * size * (1.1 if bold else 1.0)


def _fit(text: str, max_width: float, size: float, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis so that it fits ``max_width``."""
    text = _clean(text)
    if _text_width(text, size, bold) <= max_width:
        return text
    while text and _text_width(text + "…", size, bold) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def _fitted_text(
    x: float,
    y: float,
    text: str,
    max_width: float,
    *,
    size: float = 12,
    bold: bool = False,
    **options: object,
) -> str:
    """A text that fits ``max_width``; when shortened, the full text is its tooltip."""
    shown = _fit(text, max_width, size, bold)
    element = _text(x, y, shown, size=size, bold=bold, **options)  # type: ignore[arg-type]
    if shown == _clean(text):
        return element
    return _tag("g", _tag("title", _esc(text)) + element)


def format_value(value: float, language: str = "nl", signed: bool = True) -> str:
    """A value with two decimals, a real minus sign and (``signed``) a plus sign: ``+0.45``,
    ``−0.20``, ``0.00``. Dutch uses a decimal comma: ``+0,45``."""
    rounded = round(value, 2)
    digits = f"{abs(rounded):.2f}"
    if parse_language(language) == "nl":
        digits = digits.replace(".", ",")
    if rounded == 0:
        return digits
    if rounded < 0:
        return MINUS + digits
    return ("+" if signed else "") + digits


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _clamp(value: float, low: float = -1.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


# ----------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class MapPoint:
    """A party (or a pooled or overall view) on the map; coordinates are (ambition, relation)."""

    label: str
    now: tuple[float, float] | None
    desired: tuple[float, float] | None
    kind: str = "party"


def map_position(ambition: float, relation: float) -> tuple[float, float]:
    """The (x, y) of a point on the map, clamped to [-1, 1]: renew at the top, share on the right."""
    half = MAP_SIZE / 2
    reach = half - MAP_INSET
    return (
        MAP_LEFT + half + _clamp(relation) * reach,
        MAP_TOP + half - _clamp(ambition) * reach,
    )


def quadrant_rect(form: FormId | str) -> Box:
    """The (x0, y0, x1, y1) of a form's quadrant on the map."""
    ambition, relation = QUADRANTS[parse_form_id(form)]
    half = MAP_SIZE / 2
    x0 = MAP_LEFT if relation < 0 else MAP_LEFT + half
    y0 = MAP_TOP if ambition > 0 else MAP_TOP + half
    return (x0, y0, x0 + half, y0 + half)


def _coords(pair: tuple[float, float] | None) -> tuple[float, float] | None:
    """A usable (ambition, relation), or None when missing or not a number."""
    if pair is None or not all(_finite(value) for value in pair):
        return None
    return (_clamp(pair[0]), _clamp(pair[1]))


def _check_kinds(points: Sequence[MapPoint]) -> None:
    for point in points:
        if point.kind not in POINT_KINDS:
            raise ValueError(
                f"unknown kind {point.kind!r}; choose one of: {', '.join(POINT_KINDS)}"
            )


def _quadrant_name_box(form: FormId) -> tuple[float, float, float]:
    """Where a quadrant's name goes: (centre x, baseline y, font size), in the outer band."""
    x0, y0, x1, y1 = quadrant_rect(form)
    baseline = y0 + 25 if QUADRANTS[form][0] > 0 else y1 - 13
    return ((x0 + x1) / 2, baseline, 15)


def _map_quadrants(catalogue: FormsCatalogue) -> tuple[list[str], list[Box]]:
    """The four quadrants with their names; also the boxes the names take."""
    parts: list[str] = []
    taken: list[Box] = []
    for form in FORM_IDS:
        x0, y0, x1, y1 = quadrant_rect(form)
        parts.append(
            _tag(
                "rect",
                x=x0,
                y=y0,
                width=x1 - x0,
                height=y1 - y0,
                fill=_QUADRANT_TINT[form],
                class_="quadrant",
                data_form=form.value,
            )
        )
    for form in FORM_IDS:
        x, y, size = _quadrant_name_box(form)
        name = catalogue.forms[form].name
        parts.append(
            _text(
                x,
                y,
                name,
                size=size,
                anchor="middle",
                bold=True,
                fill="#333333",
                cls="quadrant-name",
            )
        )
        width = _text_width(name, size, bold=True)
        taken.append((x - width / 2, y - size, x + width / 2, y + 4))
    return parts, taken


def _map_frame(catalogue: FormsCatalogue) -> list[str]:
    """The border, the two axes through the centre and the four pole labels."""
    centre = MAP_SIZE / 2
    right, bottom = MAP_LEFT + MAP_SIZE, MAP_TOP + MAP_SIZE
    ambition, relation = catalogue.axis(AxisId.AMBITION), catalogue.axis(AxisId.RELATION)
    frame = {"fill": "none", "stroke": LINE, "stroke_width": 1}
    parts = [
        _tag("line", x1=MAP_LEFT + centre, y1=MAP_TOP, x2=MAP_LEFT + centre, y2=bottom, **frame),
        _tag("line", x1=MAP_LEFT, y1=MAP_TOP + centre, x2=right, y2=MAP_TOP + centre, **frame),
        _tag("rect", x=MAP_LEFT, y=MAP_TOP, width=MAP_SIZE, height=MAP_SIZE, **frame),
    ]
    poles = [
        (MAP_LEFT + centre, MAP_TOP - 13, 0, ambition.high_pole, ambition.name),
        (MAP_LEFT + centre, bottom + 24, 0, ambition.low_pole, ambition.name),
        (MAP_LEFT - 13, MAP_TOP + centre, -90, relation.low_pole, relation.name),
        (right + 13, MAP_TOP + centre, 90, relation.high_pole, relation.name),
    ]
    for x, y, angle, pole, axis_name in poles:
        parts.append(_pole_label(x, y, angle, pole, axis_name))
    return parts


def _pole_label(x: float, y: float, angle: int, pole: str, axis_name: str) -> str:
    """A pole in bold with its axis in brackets, e.g. "vernieuwen (ambitie)"."""
    content = (
        _tag("tspan", _esc(pole), font_weight="bold")
        + " "
        + _tag("tspan", _esc(f"({axis_name.lower()})"), fill=MUTED, font_size=11)
    )
    return _tag(
        "text",
        content,
        x=x,
        y=y,
        font_size=13,
        text_anchor="middle",
        fill=INK,
        class_="pole",
        transform=f"rotate({angle} {_num(x)} {_num(y)})" if angle else None,
    )


def _marker(
    kind: str, x: float, y: float, filled: bool, tooltip: str | None = None, **attrs: object
) -> str:
    """A circle (party), square (pooled) or diamond (overall); hollow for now, filled for desired."""
    size = _MARKER_SIZE[kind]
    style: dict[str, object] = {
        "fill": INK if filled else WHITE,
        "stroke": INK,
        "stroke_width": 3 if kind == "overall" else 2,
    }
    content = _tag("title", _esc(tooltip)) if tooltip else None
    if kind == "party":
        return _tag("circle", content, cx=x, cy=y, r=size, **style, **attrs)
    if kind == "pooled":
        return _tag(
            "rect",
            content,
            x=x - size,
            y=y - size,
            width=2 * size,
            height=2 * size,
            **style,
            **attrs,
        )
    corners = ((x, y - size), (x + size, y), (x, y + size), (x - size, y))
    points = " ".join(f"{_num(px)},{_num(py)}" for px, py in corners)
    return _tag("polygon", content, points=points, **style, **attrs)


def _arrow(
    start: tuple[float, float],
    end: tuple[float, float],
    gap_start: float,
    gap_end: float,
    width: float,
) -> str | None:
    """A straight arrow between two markers, or None when they (nearly) touch."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length < gap_start + gap_end + 10:
        return None
    ux, uy = dx / length, dy / length
    tip = (end[0] - ux * (gap_end + 2), end[1] - uy * (gap_end + 2))
    head = 7 + 2 * width
    base = (tip[0] - ux * head, tip[1] - uy * head)
    wing = head * 0.5
    head_points = (
        tip,
        (base[0] - uy * wing, base[1] + ux * wing),
        (base[0] + uy * wing, base[1] - ux * wing),
    )
    line = _tag(
        "line",
        x1=start[0] + ux * (gap_start + 2),
        y1=start[1] + uy * (gap_start + 2),
        x2=base[0] + ux,
        y2=base[1] + uy,
        stroke=MUTED,
        stroke_width=width,
    )
    polygon = _tag(
        "polygon", points=" ".join(f"{_num(x)},{_num(y)}" for x, y in head_points), fill=MUTED
    )
    return line + polygon


@dataclass(frozen=True)
class _Placed:
    """A point after clamping: its number, kind and the on-map positions of its markers."""

    number: int
    point: MapPoint
    now: tuple[float, float] | None
    desired: tuple[float, float] | None


def _place_points(points: Sequence[MapPoint]) -> list[_Placed]:
    placed = []
    for number, point in enumerate(points, start=1):
        now, desired = _coords(point.now), _coords(point.desired)
        placed.append(
            _Placed(
                number,
                point,
                map_position(*now) if now else None,
                map_position(*desired) if desired else None,
            )
        )
    return placed


def _map_arrows(placed: Sequence[_Placed]) -> list[str]:
    parts = []
    for item in placed:
        if item.now is None or item.desired is None:
            continue
        size = _MARKER_SIZE[item.point.kind]
        width = 2.5 if item.point.kind == "overall" else 1.5
        arrow = _arrow(item.now, item.desired, size, size, width)
        if arrow:
            parts.append(_tag("g", arrow, class_="arrow", data_point=item.number))
    return parts


def _map_markers(placed: Sequence[_Placed], texts: tuple[str, str]) -> list[str]:
    """All hollow (now) markers first, then all filled (desired) ones, overall points last."""
    ordered = sorted(placed, key=lambda item: item.point.kind == "overall")
    parts = []
    for moment, filled in (("now", False), ("desired", True)):
        for item in ordered:
            position = item.now if moment == "now" else item.desired
            if position is None:
                continue
            tooltip = f"{item.number}. {_clean(item.point.label)} ({texts[filled]})"
            parts.append(
                _marker(
                    item.point.kind,
                    *position,
                    filled,
                    tooltip,
                    class_=f"marker {moment}",
                    data_point=item.number,
                    data_kind=item.point.kind,
                )
            )
    return parts


def _label_spots(item: _Placed) -> list[tuple[float, float]]:
    """The markers of a point that get a number: both, unless they (nearly) coincide."""
    spots = [spot for spot in (item.now, item.desired) if spot is not None]
    if len(spots) == 2 and math.dist(spots[0], spots[1]) < 3 * _MARKER_SIZE[item.point.kind]:
        return [spots[1]]
    return spots


def _best_box(
    x: float, y: float, size: float, width: float, height: float, taken: list[Box]
) -> Box:
    """The free spot next to a marker where a label overlaps least with what is already drawn."""
    dx, dy = size + 2 + width / 2, size + height / 2 - 2
    offsets = [
        (dx, -dy),
        (-dx, -dy),
        (dx, dy),
        (-dx, dy),
        (dx + 1, 0),
        (-dx - 1, 0),
        (0, -dy - 3),
        (0, dy + 3),
    ]
    plot = (MAP_LEFT + 2, MAP_TOP + 2, MAP_LEFT + MAP_SIZE - 2, MAP_TOP + MAP_SIZE - 2)
    # Only boxes near the marker can overlap a candidate; the others add exactly 0 to every cost,
    # so leaving them out changes nothing but the time (quadratic in the number of points).
    reach_x, reach_y = dx + width / 2 + 2, dy + height / 2 + 4
    left, right, top, bottom = x - reach_x, x + reach_x, y - reach_y, y + reach_y
    near = [b for b in taken if b[0] < right and b[2] > left and b[1] < bottom and b[3] > top]

    def cost(offset: tuple[float, float]) -> float:
        cx, cy = x + offset[0], y + offset[1]
        box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
        inside = _overlap(box, plot) / (width * height)
        return sum(_overlap(box, other) for other in near) + (1 - inside) * 1000

    ox, oy = min(offsets, key=cost)
    return (x + ox - width / 2, y + oy - height / 2, x + ox + width / 2, y + oy + height / 2)


def _map_numbers(placed: Sequence[_Placed], taken: list[Box]) -> list[str]:
    """The number of each point next to its markers, placed so that numbers do not collide."""
    for item in placed:
        size = _MARKER_SIZE[item.point.kind]
        for x, y in (spot for spot in (item.now, item.desired) if spot):
            taken.append((x - size - 1, y - size - 1, x + size + 1, y + size + 1))
    parts = []
    for item in placed:
        bold = item.point.kind == "overall"
        label = str(item.number)
        width, height = _text_width(label, 11, bold) + 4, 14
        for x, y in _label_spots(item):
            box = _best_box(x, y, _MARKER_SIZE[item.point.kind], width, height, taken)
            taken.append(box)
            parts.append(_number_label(box, label, bold, item.number))
    return parts


def _number_label(box: Box, label: str, bold: bool, number: int) -> str:
    x0, y0, x1, y1 = box
    background = _tag(
        "rect", x=x0, y=y0, width=x1 - x0, height=y1 - y0, rx=3, fill=WHITE, fill_opacity=0.8
    )
    text = _text((x0 + x1) / 2, y1 - 3.5, label, size=11, anchor="middle", bold=bold)
    return _tag("g", background + text, class_="point-number", data_point=number)


def _legend_symbol(key: str, x: float, y: float) -> str:
    """A small drawing for the marker legend; (x, y) is the left end at mid-height."""
    if key == "arrow":
        arrow = _arrow((x + 6, y), (x + 42, y), 5, 5, 1.5) or ""
        return _marker("party", x + 6, y, False) + _marker("party", x + 42, y, True) + arrow
    if key in ("now", "desired"):
        return _marker("party", x + 6, y, key == "desired")
    return _marker(key, x + 8, y, True)


def _symbol_width(key: str) -> float:
    return 48 if key == "arrow" else 16


def _flow(items: Sequence[tuple[str, str]], top: float) -> tuple[list[str], float]:
    """Legend entries (symbol key, text) laid out left to right, wrapping; returns the next y."""
    parts, x, y = [], float(_LEGEND_LEFT), top
    for key, text in items:
        width = _symbol_width(key) + 6 + _text_width(text, 12) + 22
        if x > _LEGEND_LEFT and x + width > _LEGEND_RIGHT:
            x, y = float(_LEGEND_LEFT), y + _LINE_HEIGHT
        parts.append(_legend_symbol(key, x, y - 4))
        parts.append(_text(x + _symbol_width(key) + 6, y, text, cls="legend-key"))
        x += width
    return parts, y + _LINE_HEIGHT


def _map_key(points: Sequence[MapPoint], language: Language, top: float) -> tuple[list[str], float]:
    """The explanation of the markers (and of the shapes, when there is more than one kind)."""
    messages = _messages()
    items = [
        ("now", messages.get("legend_now", language)),
        ("desired", messages.get("legend_desired", language)),
        ("arrow", messages.get("legend_arrow", language)),
    ]
    parts, top = _flow(items, top)
    kinds = [kind for kind in POINT_KINDS if any(point.kind == kind for point in points)]
    if kinds and kinds != ["party"]:
        shapes, top = _flow([(kind, messages.get(f"kind_{kind}", language)) for kind in kinds], top)
        parts += shapes
    return parts, top


def _legend_columns(labels: Sequence[str]) -> int:
    """As many columns as the widest label allows (at most 4); a long list gets up to 3 columns
    even if that shortens some labels, so that it stays compact."""
    widest = max((_text_width(label, 12, bold=True) for label in labels), default=0)
    space = _LEGEND_RIGHT - _LEGEND_LEFT
    fitting = int(space // (widest + 24))
    compact = min(3, math.ceil(len(labels) / _LEGEND_MAX_ROWS))
    return max(1, min(len(labels), max(min(4, fitting), compact)))


def _map_list(points: Sequence[MapPoint], top: float) -> tuple[list[str], float]:
    """The numbered list "number. label" in columns, filled top to bottom."""
    labels = [f"{number}. {_clean(point.label)}" for number, point in enumerate(points, start=1)]
    if not labels:
        return [], top
    columns = _legend_columns(labels)
    rows = math.ceil(len(labels) / columns)
    column_width = (_LEGEND_RIGHT - _LEGEND_LEFT) / columns
    parts = []
    for index, (label, point) in enumerate(zip(labels, points, strict=True)):
        column, row = divmod(index, rows)
        x, y = _LEGEND_LEFT + column * column_width, top + row * _LINE_HEIGHT
        bold = point.kind == "overall"
        parts.append(_fitted_text(x, y, label, column_width - 12, bold=bold, cls="legend-label"))
    return parts, top + rows * _LINE_HEIGHT


def _position_text(
    position: tuple[float, float] | None, catalogue: FormsCatalogue, key: str, language: Language
) -> str:
    messages = _messages()
    if position is None:
        return messages.get(f"{key}_unknown", language)
    ambition, relation = position
    text = messages.get(
        "map_position",
        language,
        form=catalogue.forms[form_at(ambition, relation)].name,
        ambition_name=catalogue.axis(AxisId.AMBITION).name.lower(),
        ambition=format_value(ambition, language),
        relation_name=catalogue.axis(AxisId.RELATION).name.lower(),
        relation=format_value(relation, language),
    )
    return messages.get(key, language, position=text)


def _map_desc(points: Sequence[MapPoint], catalogue: FormsCatalogue, language: Language) -> str:
    messages = _messages()
    ambition, relation = catalogue.axis(AxisId.AMBITION), catalogue.axis(AxisId.RELATION)
    parts = [
        messages.get(
            "map_intro",
            language,
            ambition=ambition.name.lower(),
            improve=ambition.low_pole,
            renew=ambition.high_pole,
            relation=relation.name.lower(),
            exchange=relation.low_pole,
            share=relation.high_pole,
        )
    ]
    if not points:
        parts.append(messages.get("map_no_points", language))
    for number, point in enumerate(points, start=1):
        parts.append(
            messages.get(
                "map_point",
                language,
                number=number,
                label=_clean(point.label),
                kind=messages.get(f"kind_{point.kind}", language),
                now=_position_text(_coords(point.now), catalogue, "map_now", language),
                desired=_position_text(_coords(point.desired), catalogue, "map_desired", language),
            )
        )
    return " ".join(parts)


def map_svg(points: Sequence[MapPoint], language: str = "nl", title: str | None = None) -> str:
    """The 2×2 map of the forms with, per point, a hollow marker now, a filled marker desired, an
    arrow between them and a number that the legend below the map explains."""
    lang = parse_language(language)
    _check_kinds(points)
    catalogue = load_catalogue(lang)
    placed = _place_points(points)
    quadrants, taken = _map_quadrants(catalogue)
    markers = _map_markers(
        placed, (_messages().get("legend_now", lang), _messages().get("legend_desired", lang))
    )
    body = [*quadrants, *_map_frame(catalogue), *_map_arrows(placed), *markers]
    body += _map_numbers(placed, taken)
    key, next_y = _map_key(points, lang, MAP_TOP + MAP_SIZE + 56)
    listing, bottom = _map_list(points, next_y + 6)
    height = bottom + 8
    title = title or _messages().get("map_title", lang)
    return _document(
        "map", MAP_WIDTH, height, title, _map_desc(points, catalogue, lang), body + key + listing
    )


# ----------------------------------------------------------------------------- the heat map


def column_spreads(
    rows: Sequence[str],
    columns: Sequence[tuple[str, str]],
    values: Mapping[tuple[str, str], float | None],
) -> dict[str, float]:
    """Per column id, the highest minus the lowest value over the rows (columns with fewer than
    two values are left out): the ``spread_row`` of :func:`heatmap_svg`."""
    spreads = {}
    for column_id, _label in columns:
        found = [values.get((row, column_id)) for row in rows]
        numbers = [value for value in found if value is not None and _finite(value)]
        if len(numbers) >= 2:
            spreads[column_id] = max(numbers) - min(numbers)
    return spreads


def _hex(hue: float, lightness: float, saturation: float) -> str:
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


def _diverging(value: float) -> tuple[str, str]:
    """Fill and text colour of a value in [-1, 1]: darker with the magnitude (so that greyscale
    keeps the order), blue for positive and orange for negative as a light extra."""
    magnitude = abs(_clamp(value))
    lightness = 0.97 - 0.55 * magnitude
    hue, saturation = (0.58, 0.5) if value >= 0 else (0.07, 0.6)
    ink = WHITE if lightness < 0.6 else "#1a1a1a"
    return _hex(hue, lightness, saturation), ink


def _sequential(value: float) -> tuple[str, str]:
    """Fill and text colour of a spread in [0, 2]: neutral grey, darker for more spread."""
    lightness = 0.96 - 0.5 * _clamp(value / 2, 0.0, 1.0)
    ink = WHITE if lightness < 0.6 else "#1a1a1a"
    return _hex(0, lightness, 0), ink


def _hatch(x: float, y: float, width: float, height: float) -> str:
    """Diagonal hatching inside a rectangle, drawn as one path (no pattern ids needed)."""
    step, segments = 6.0, []
    offset = step
    while offset < width + height:
        x_start, x_end = max(0.0, offset - height), min(width, offset)
        segments.append(
            f"M{_num(x + x_start)} {_num(y + offset - x_start)}L{_num(x + x_end)} {_num(y + offset - x_end)}"
        )
        offset += step
    return _tag("path", d="".join(segments), stroke="#cfcfcf", stroke_width=0.8, fill="none")


def _heat_cell(
    x: float, y: float, value: float | None, language: Language, spread: bool = False
) -> str:
    """One cell: shaded by magnitude with its value printed, or hatched with a dash when missing."""
    box = {"x": x + 1, "y": y + 1, "width": _CELL_W - 2, "height": _CELL_H - 2}
    middle, baseline = x + _CELL_W / 2, y + _CELL_H / 2 + 4.5
    if value is None or not _finite(value):
        rect = _tag("rect", **box, fill=WHITE, stroke="#d9d9d9", class_="cell missing")
        hatch = _hatch(x + 1, y + 1, _CELL_W - 2, _CELL_H - 2)
        text = _text(middle, baseline, MISSING, anchor="middle", fill=MUTED, cls="value missing")
        return rect + hatch + text
    fill, ink = _sequential(value) if spread else _diverging(value)
    rect = _tag("rect", **box, fill=fill, class_="cell")
    shown = format_value(value, language, signed=not spread)
    return rect + _text(
        middle, baseline, shown, anchor="middle", bold=spread, fill=ink, cls="value"
    )


@dataclass(frozen=True)
class _HeatLayout:
    label_width: float
    rotated: bool
    grid_left: float
    grid_top: float
    width: float


def _heat_layout(
    rows: Sequence[str], columns: Sequence[tuple[str, str]], extra: str | None
) -> _HeatLayout:
    """Column widths, header height and total width, from the labels' estimated widths."""
    names = [*rows, *([extra] if extra else [])]
    label_width = min(_ROW_LABEL_MAX, max((_text_width(name, 12) for name in names), default=0))
    grid_left = _PAD + label_width + 10
    heads = [min(_COLUMN_LABEL_MAX, _text_width(label, 12)) for _id, label in columns]
    rotated = any(width > _CELL_W - 8 for width in heads)
    header = max(heads, default=0) * 0.71 + 18 if rotated else 26
    right = grid_left + len(columns) * _CELL_W
    if rotated:
        tails = (grid_left + (i + 0.5) * _CELL_W + w * 0.71 + 4 for i, w in enumerate(heads))
        right = max(right, *tails)
    return _HeatLayout(label_width, rotated, grid_left, _PAD + header, right + _PAD)


def _heat_header(columns: Sequence[tuple[str, str]], layout: _HeatLayout) -> list[str]:
    parts = []
    for index, (_column_id, label) in enumerate(columns):
        x = layout.grid_left + (index + 0.5) * _CELL_W
        if layout.rotated:
            y = layout.grid_top - 8
            transform = f"rotate(-45 {_num(x)} {_num(y)})"
            parts.append(
                _fitted_text(
                    x, y, label, _COLUMN_LABEL_MAX, cls="column-label", transform=transform
                )
            )
        else:
            parts.append(
                _fitted_text(
                    x, layout.grid_top - 9, label, _CELL_W, anchor="middle", cls="column-label"
                )
            )
    return parts


def _heat_rows(
    rows: Sequence[str],
    columns: Sequence[tuple[str, str]],
    values: Mapping[tuple[str, str], float | None],
    layout: _HeatLayout,
    language: Language,
) -> list[str]:
    parts = []
    for row_index, row in enumerate(rows):
        y = layout.grid_top + row_index * _CELL_H
        label_x = layout.grid_left - 8
        parts.append(
            _fitted_text(
                label_x,
                y + _CELL_H / 2 + 4.5,
                row,
                layout.label_width,
                anchor="end",
                cls="row-label",
            )
        )
        for index, (column_id, _label) in enumerate(columns):
            x = layout.grid_left + index * _CELL_W
            parts.append(_heat_cell(x, y, values.get((row, column_id)), language))
    return parts


def _heat_spread(
    columns: Sequence[tuple[str, str]],
    spread: Mapping[str, float],
    top: float,
    layout: _HeatLayout,
    language: Language,
) -> list[str]:
    """The extra bottom row with the spread per column, set off by a rule."""
    label = _messages().get("spread", language)
    right = layout.grid_left + len(columns) * _CELL_W
    parts = [
        _tag("line", x1=_PAD, y1=top + 2, x2=right, y2=top + 2, stroke=INK, stroke_width=1.5),
        _fitted_text(
            layout.grid_left - 8,
            top + 4 + _CELL_H / 2 + 4.5,
            label,
            layout.label_width,
            anchor="end",
            bold=True,
            cls="row-label spread",
        ),
    ]
    for index, (column_id, _label) in enumerate(columns):
        x = layout.grid_left + index * _CELL_W
        parts.append(_heat_cell(x, top + 4, spread.get(column_id), language, spread=True))
    return parts


def _heat_legend(
    top: float, language: Language, with_spread: bool
) -> tuple[list[str], float, float]:
    """Sample cells from −1 to +1 and a missing cell; returns the parts, the bottom and the width."""
    parts, x = [], float(_PAD)
    for sample in (-1.0, -0.5, 0.0, 0.5, 1.0):
        fill, ink = _diverging(sample)
        parts.append(_tag("rect", x=x, y=top, width=48, height=20, fill=fill))
        parts.append(
            _text(
                x + 24,
                top + 14.5,
                format_value(sample, language),
                size=11,
                anchor="middle",
                fill=ink,
            )
        )
        x += 50
    x += 14
    parts.append(_tag("rect", x=x, y=top, width=34, height=20, fill=WHITE, stroke="#d9d9d9"))
    parts.append(_hatch(x, top, 34, 20))
    parts.append(_text(x + 17, top + 14.5, MISSING, size=11, anchor="middle", fill=MUTED))
    missing = _messages().get("missing", language)
    parts.append(_text(x + 40, top + 14.5, missing, size=11, fill=MUTED, cls="legend-key"))
    width = x + 40 + _text_width(missing, 11) + _PAD
    bottom = top + 20
    if with_spread:
        note = _messages().get("spread_note", language)
        parts.append(_text(_PAD, bottom + 18, note, size=11, fill=MUTED, cls="legend-key"))
        width = max(width, 2 * _PAD + _text_width(note, 11))
        bottom += 24
    return parts, bottom, width


def _heat_desc(
    rows: Sequence[str],
    columns: Sequence[tuple[str, str]],
    values: Mapping[tuple[str, str], float | None],
    spread: Mapping[str, float] | None,
    language: Language,
) -> str:
    messages = _messages()
    parts = [messages.get("heatmap_intro", language, rows=len(rows), columns=len(columns))]
    if not rows:
        parts.append(messages.get("heatmap_no_rows", language))
    for row in rows:
        cells = ", ".join(
            f"{_clean(label)} {_shown(values.get((row, column_id)), language)}"
            for column_id, label in columns
        )
        parts.append(messages.get("heatmap_row", language, label=_clean(row), cells=cells))
    if spread is not None:
        parts.append(messages.get("heatmap_spread_intro", language))
        cells = ", ".join(
            f"{_clean(label)} {_shown(spread.get(column_id), language, signed=False)}"
            for column_id, label in columns
        )
        parts.append(
            messages.get(
                "heatmap_row", language, label=messages.get("spread", language), cells=cells
            )
        )
    return " ".join(parts)


def _shown(value: float | None, language: Language, signed: bool = True) -> str:
    return (
        format_value(value, language, signed) if value is not None and _finite(value) else MISSING
    )


def heatmap_svg(
    rows: Sequence[str],
    columns: Sequence[tuple[str, str]],
    values: Mapping[tuple[str, str], float | None],
    language: str = "nl",
    title: str | None = None,
    spread_row: Mapping[str, float] | None = None,
) -> str:
    """A table of values in [-1, 1] per party (rows) and dimension (columns, as (id, label)), each
    cell shaded by magnitude with its value printed; missing values are hatched with a dash.
    ``spread_row`` (column id → max − min, see :func:`column_spreads`) adds a last row."""
    lang = parse_language(language)
    spread_label = _messages().get("spread", lang) if spread_row is not None else None
    layout = _heat_layout(rows, columns, spread_label)
    body = _heat_header(columns, layout) + _heat_rows(rows, columns, values, layout, lang)
    bottom = layout.grid_top + len(rows) * _CELL_H
    if spread_row is not None:
        body += _heat_spread(columns, spread_row, bottom, layout, lang)
        bottom += _CELL_H + 4
    legend, legend_bottom, legend_width = _heat_legend(bottom + 18, lang, spread_row is not None)
    width = max(layout.width, legend_width)
    title = title or _messages().get("heatmap_title", lang)
    desc = _heat_desc(rows, columns, values, spread_row, lang)
    return _document("heatmap", width, legend_bottom + _PAD, title, desc, body + legend)


# ----------------------------------------------------------------------------- profile and axes

_BAR_TRACK = 300
_BAR_ROW = 34


def _percent(value: float) -> str:
    return f"{math.floor(_clamp(value, 0.0, 1.0) * 100 + 0.5)}%"


def _form_scores(scores: Mapping[str, float]) -> dict[FormId, float]:
    """The scores by form id (Dutch names accepted); unknown names raise UnknownFormError."""
    parsed = {parse_form_id(key): value for key, value in scores.items()}
    return {form: parsed.get(form, 0.0) if _finite(parsed.get(form)) else 0.0 for form in FORM_IDS}


def _profile_bar(
    y: float, name: str, value: float, bold: bool, label_width: float, form: FormId
) -> str:
    bar_x = _PAD + label_width + 12
    length = _BAR_TRACK * _clamp(value, 0.0, 1.0)
    middle = y + _BAR_ROW / 2
    parts = [
        _text(_PAD, middle + 4.5, name, size=13, bold=bold, cls="bar-label"),
        _tag(
            "rect",
            x=bar_x,
            y=middle - 9,
            width=_BAR_TRACK,
            height=18,
            fill="#f2f2f2",
            stroke="#d0d0d0",
        ),
        _tag(
            "rect",
            x=bar_x,
            y=middle - 9,
            width=length,
            height=18,
            fill="#2f5f8f" if bold else "#9db8d3",
            stroke=INK if bold else "#6f8fae",
            stroke_width=1,
            class_="bar",
        ),
        _text(
            bar_x + length + 8, middle + 4.5, _percent(value), size=13, bold=bold, cls="bar-value"
        ),
    ]
    return _tag("g", "".join(parts), class_="highlight" if bold else None, data_form=form.value)


def profile_bars_svg(
    scores: Mapping[str, float],
    language: str = "nl",
    title: str | None = None,
    highlight: str | None = None,
) -> str:
    """Horizontal bars with the likelihood (0..1) of each form, its name and a percentage; the
    ``highlight`` form (the most likely) is drawn in bold with a darker bar."""
    lang = parse_language(language)
    catalogue = load_catalogue(lang)
    values = _form_scores(scores)
    chosen = parse_form_id(highlight) if highlight else None
    names = {form: catalogue.forms[form].name for form in FORM_IDS}
    label_width = max(_text_width(name, 13, bold=True) for name in names.values())
    body = [
        _profile_bar(
            _PAD / 2 + index * _BAR_ROW,
            names[form],
            values[form],
            form == chosen,
            label_width,
            form,
        )
        for index, form in enumerate(FORM_IDS)
    ]
    width = _PAD + label_width + 12 + _BAR_TRACK + 52 + _PAD
    height = _PAD + len(FORM_IDS) * _BAR_ROW
    messages = _messages()
    items = ", ".join(
        messages.get("profile_item", lang, form=names[form], percent=_percent(values[form]))
        for form in FORM_IDS
    )
    desc = f"{messages.get('profile_intro', lang)} {items}."
    if chosen:
        desc += " " + messages.get("profile_most_likely", lang, form=names[chosen])
    title = title or messages.get("profile_title", lang)
    return _document("profile", width, height, title, desc, body)


_SCALE_LEFT = 150
_SCALE_LENGTH = 330
_SCALE_ROW = 62


def _scale(
    y: float, name: str, low: str, high: str, value: float | None, language: Language
) -> str:
    """One axis: a line from −1 to +1 with ticks, the poles below, a marker and the value above."""
    line_y = y + 30
    right = _SCALE_LEFT + _SCALE_LENGTH
    parts = [
        _text(_PAD, line_y + 4.5, name, size=13, bold=True, cls="axis-name"),
        _tag("line", x1=_SCALE_LEFT, y1=line_y, x2=right, y2=line_y, stroke=LINE, stroke_width=2),
    ]
    for tick in (-1.0, -0.5, 0.0, 0.5, 1.0):
        x = _SCALE_LEFT + (tick + 1) / 2 * _SCALE_LENGTH
        reach = 7 if tick == 0 else 4
        parts.append(_tag("line", x1=x, y1=line_y - reach, x2=x, y2=line_y + reach, stroke=LINE))
    parts.append(_text(_SCALE_LEFT, line_y + 22, low, size=11, fill=MUTED, cls="pole"))
    parts.append(_text(right, line_y + 22, high, size=11, anchor="end", fill=MUTED, cls="pole"))
    if value is None:
        middle = _SCALE_LEFT + _SCALE_LENGTH / 2
        parts.append(
            _text(
                middle, line_y - 12, MISSING, size=12, anchor="middle", bold=True, cls="axis-value"
            )
        )
        return "".join(parts)
    x = _SCALE_LEFT + (_clamp(value) + 1) / 2 * _SCALE_LENGTH
    parts.append(_marker("party", x, line_y, True, class_="marker"))
    parts.append(
        _text(
            x,
            line_y - 12,
            format_value(value, language),
            size=12,
            anchor="middle",
            bold=True,
            cls="axis-value",
        )
    )
    return "".join(parts)


def axis_bars_svg(axes: Mapping[str, float], language: str = "nl") -> str:
    """Two small scales, ambition (improve…renew) and relation (exchange…share), with a marker at
    the value and the value printed; a missing axis shows a dash."""
    lang = parse_language(language)
    catalogue = load_catalogue(lang)
    messages = _messages()
    body, items = [], []
    for index, axis_id in enumerate(AxisId):
        axis = catalogue.axis(axis_id)
        raw = axes.get(axis_id.value)
        value = raw if raw is not None and _finite(raw) else None
        body.append(
            _scale(
                _PAD / 2 + index * _SCALE_ROW, axis.name, axis.low_pole, axis.high_pole, value, lang
            )
        )
        shown = format_value(value, lang) if value is not None else MISSING
        items.append(
            messages.get(
                "axes_item",
                lang,
                axis=axis.name,
                value=shown,
                low=axis.low_pole,
                high=axis.high_pole,
            )
        )
    width = _SCALE_LEFT + _SCALE_LENGTH + 24
    height = _PAD + len(AxisId) * _SCALE_ROW
    desc = " ".join([messages.get("axes_intro", lang), *items])
    return _document("axes", width, height, messages.get("axes_title", lang), desc, body)
