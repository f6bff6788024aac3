"""The SVG charts: well-formed, accessible, escaped, deterministic, and drawn where they should be."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from grondvorm.forms import FormId, load_catalogue
from grondvorm.reports.charts import (
    MAP_LEFT,
    MAP_SIZE,
    MAP_TOP,
    MISSING,
    MapPoint,
    axis_bars_svg,
    column_spreads,
    format_value,
    heatmap_svg,
    map_position,
    map_svg,
    profile_bars_svg,
    quadrant_rect,
)
from grondvorm.texts import load_messages

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = ("<script>alert(1)</script>", "\"&'<>", "Bad\x00Name\x1b")

POINTS = [
    MapPoint("Gemeente", (-0.6, 0.4), (0.5, 0.7)),
    MapPoint("Hogeschool", (0.3, -0.5), (0.6, 0.2)),
    MapPoint("Alleen nu", (-0.8, -0.7), None),
    MapPoint("Alleen gewenst", None, (0.2, 0.55)),
    MapPoint("Samen", (-0.3, 0.0), (0.35, 0.45), "pooled"),
    MapPoint("Geheel", (-0.25, -0.05), (0.4, -0.5), "overall"),
]
COLUMNS = [("aim", "Doel"), ("risk", "Risico"), ("governance", "Sturing")]
ROWS = ["Gemeente", "Hogeschool", "Woningcorporatie"]
VALUES = {
    ("Gemeente", "aim"): 0.45,
    ("Gemeente", "risk"): -0.2,
    ("Gemeente", "governance"): None,
    ("Hogeschool", "aim"): 1.0,
    ("Hogeschool", "risk"): -1.0,
    ("Hogeschool", "governance"): 0.0,
    ("Woningcorporatie", "aim"): -0.333,
    ("Woningcorporatie", "risk"): 0.7,
    # ("Woningcorporatie", "governance") is absent: drawn as missing
}
SCORES = {"functional": 0.1, "entrepreneurial": 0.55, "transactional": 0.05, "learning": 0.3}


def all_charts(language: str = "nl") -> dict[str, str]:
    return {
        "map": map_svg(POINTS, language),
        "heatmap": heatmap_svg(ROWS, COLUMNS, VALUES, language, spread_row={"aim": 1.33}),
        "profile": profile_bars_svg(SCORES, language, highlight="entrepreneurial"),
        "axes": axis_bars_svg({"ambition": 0.4, "relation": -0.25}, language),
    }


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element, cls: str | None = None) -> list[str]:
    """The full text of every <text> (optionally only those whose class contains ``cls``)."""
    found = []
    for element in root.iter(f"{NS}text"):
        if cls is None or cls in element.get("class", "").split():
            found.append("".join(element.itertext()))
    return found


def view_box(root: ET.Element) -> tuple[float, ...]:
    return tuple(float(part) for part in root.get("viewBox", "").split())


def markers(root: ET.Element, moment: str) -> dict[int, ET.Element]:
    return {
        int(element.get("data-point")): element
        for element in root.iter()
        if element.get("class") == f"marker {moment}"
    }


def inside(x: float, y: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] < x < box[2] and box[1] < y < box[3]


def quadrant_from_output(root: ET.Element, form: str) -> tuple[float, float, float, float]:
    (rect,) = [e for e in root.iter(f"{NS}rect") if e.get("data-form") == form]
    x, y = float(rect.get("x")), float(rect.get("y"))
    return (x, y, x + float(rect.get("width")), y + float(rect.get("height")))


# ----------------------------------------------------------------------------- all charts


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", ["map", "heatmap", "profile", "axes"])
def test_chart_is_accessible_scalable_svg(name, language):
    svg = all_charts(language)[name]
    root = parse(svg)

    assert root.tag == f"{NS}svg"
    assert len(view_box(root)) == 4 and view_box(root)[:2] == (0, 0)
    assert all(size > 100 for size in view_box(root)[2:])
    assert root.get("width") == "100%"
    assert root.get("role") == "img"
    assert root.get("font-family") == "DejaVu Sans, Arial, sans-serif"
    assert root.find(f"{NS}title").text.strip()
    assert len(root.find(f"{NS}desc").text) > 40
    assert " id=" not in svg  # several charts share one page
    assert "<script" not in svg


@pytest.mark.parametrize("name", ["map", "heatmap", "profile", "axes"])
def test_output_is_deterministic(name):
    assert all_charts()[name] == all_charts()[name]


@pytest.mark.parametrize("name", ["map", "heatmap", "profile", "axes"])
def test_dutch_and_english_differ(name):
    assert all_charts("nl")[name] != all_charts("en")[name]


def test_every_text_key_exists_in_both_languages():
    messages = load_messages("grondvorm.reports", "messages_charts.toml")

    assert messages.keys("nl") == messages.keys("en")


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (0.45, "en", "+0.45"),
        (-0.2, "en", "−0.20"),
        (0.0, "en", "0.00"),
        (-0.001, "en", "0.00"),
        (0.45, "nl", "+0,45"),
        (-1.0, "nl", "−1,00"),
    ],
)
def test_values_are_printed_with_sign_and_two_decimals(value, language, expected):
    assert format_value(value, language) == expected


# ----------------------------------------------------------------------------- the map


def test_map_places_renew_share_top_right_and_improve_exchange_bottom_left():
    root = parse(
        map_svg([MapPoint("Top right", None, (1, 1)), MapPoint("Bottom left", None, (-1, -1))])
    )
    desired = markers(root, "desired")
    top_right = quadrant_from_output(root, FormId.ENTREPRENEURIAL)
    bottom_left = quadrant_from_output(root, FormId.TRANSACTIONAL)

    assert top_right == quadrant_rect("entrepreneurial")
    assert top_right[0] > bottom_left[0] and top_right[1] < bottom_left[1]
    assert inside(float(desired[1].get("cx")), float(desired[1].get("cy")), top_right)
    assert inside(float(desired[2].get("cx")), float(desired[2].get("cy")), bottom_left)


def test_map_quadrants_tile_the_plot_as_in_the_model():
    left, top, right, bottom = MAP_LEFT, MAP_TOP, MAP_LEFT + MAP_SIZE, MAP_TOP + MAP_SIZE
    middle_x, middle_y = MAP_LEFT + MAP_SIZE / 2, MAP_TOP + MAP_SIZE / 2

    assert quadrant_rect("learning") == (left, top, middle_x, middle_y)
    assert quadrant_rect("entrepreneurial") == (middle_x, top, right, middle_y)
    assert quadrant_rect("transactional") == (left, middle_y, middle_x, bottom)
    assert quadrant_rect("functional") == (middle_x, middle_y, right, bottom)


@pytest.mark.parametrize(
    ("now", "form"),
    [((0.5, -0.5), "learning"), ((-0.5, 0.5), "functional"), ((0.9, 0.2), "entrepreneurial")],
)
def test_hollow_now_marker_lies_in_its_quadrant(now, form):
    root = parse(map_svg([MapPoint("P", now, None)]))
    (marker,) = markers(root, "now").values()

    assert marker.get("fill") == "#ffffff"  # hollow
    assert inside(float(marker.get("cx")), float(marker.get("cy")), quadrant_rect(form))


def test_coordinates_outside_the_range_are_clamped():
    root = parse(map_svg([MapPoint("Far", (5.0, -7.0), (float("nan"), 0.0))]))
    (marker,) = markers(root, "now").values()

    assert (float(marker.get("cx")), float(marker.get("cy"))) == map_position(1, -1)
    assert markers(root, "desired") == {}  # not a number: treated as missing


def test_arrows_only_for_points_with_both_now_and_desired():
    root = parse(map_svg(POINTS))
    arrows = {int(e.get("data-point")) for e in root.iter() if e.get("class") == "arrow"}

    assert arrows == {1, 2, 5, 6}
    assert set(markers(root, "now")) == {1, 2, 3, 5, 6}
    assert set(markers(root, "desired")) == {1, 2, 4, 5, 6}
    assert {e.get("fill") for e in markers(root, "desired").values()} != {"#ffffff"}


def test_every_point_is_numbered_on_the_map_and_listed_in_the_legend():
    root = parse(map_svg(POINTS))
    numbers = texts(root)
    legend = texts(root, "legend-label")

    assert legend == [f"{n}. {point.label}" for n, point in enumerate(POINTS, start=1)]
    for number in range(1, len(POINTS) + 1):
        assert str(number) in numbers


def test_legend_explains_hollow_and_filled_markers_and_shapes():
    nl = " ".join(texts(parse(map_svg(POINTS, "nl")), "legend-key"))
    en = " ".join(texts(parse(map_svg(POINTS, "en")), "legend-key"))

    assert "open = nu" in nl and "gevuld = gewenst" in nl
    assert "hollow = now" in en and "filled = desired" in en
    assert "pooled" in en and "overall" in en


def test_map_names_quadrants_and_poles_in_the_language():
    nl, en = parse(map_svg(POINTS, "nl")), parse(map_svg(POINTS, "en"))

    assert set(texts(nl, "quadrant-name")) == {
        form.name for form in load_catalogue("nl").forms.values()
    }
    assert "Lerend" in texts(nl, "quadrant-name") and "Learning" not in texts(nl, "quadrant-name")
    assert "Learning" in texts(en, "quadrant-name") and "Lerend" not in texts(en, "quadrant-name")
    poles = " ".join(texts(en, "pole"))
    for pole in ("improve", "renew", "exchange", "share"):
        assert pole in poles
    assert "vernieuwen" in " ".join(texts(nl, "pole"))


def test_map_describes_every_point_in_its_desc():
    desc = parse(map_svg(POINTS, "en")).find(f"{NS}desc").text

    assert "1. Gemeente (party): now Functional (ambition −0.60, relation +0.40)" in desc
    assert "3. Alleen nu (party): now Transactional" in desc and "desired unknown" in desc


def test_map_custom_title():
    root = parse(map_svg(POINTS, "en", title="Round 2 <draft>"))

    assert root.find(f"{NS}title").text == "Round 2 <draft>"


def test_map_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown kind"):
        map_svg([MapPoint("X", (0, 0), None, kind="team")])


def test_map_without_points_is_still_a_valid_chart():
    root = parse(map_svg([]))

    assert len(texts(root, "quadrant-name")) == 4
    assert texts(root, "legend-label") == []


def test_fifty_parties_make_a_taller_valid_map():
    def points(count: int) -> list[MapPoint]:
        return [
            MapPoint(f"Partij {i}", (i / 50 - 0.5, 0.3), (0.2, 0.5 - i / 50)) for i in range(count)
        ]

    small, large = parse(map_svg(points(5))), parse(map_svg(points(50)))

    assert len(texts(large, "legend-label")) == 50
    assert view_box(large)[3] > view_box(small)[3]
    assert view_box(large)[3] < 1200  # the legend uses columns


# ----------------------------------------------------------------------------- the heat map


def test_heatmap_prints_every_value_and_a_dash_for_missing():
    root = parse(heatmap_svg(ROWS, COLUMNS, VALUES, "en"))
    printed = texts(root, "value")

    assert len(printed) == len(ROWS) * len(COLUMNS)
    for value in ("+0.45", "−0.20", "+1.00", "−1.00", "0.00", "−0.33", "+0.70"):
        assert value in printed
    assert printed.count(MISSING) == 2


def test_heatmap_has_one_row_per_party_and_a_spread_row_when_asked():
    plain = parse(heatmap_svg(ROWS, COLUMNS, VALUES, "en"))
    spread = column_spreads(ROWS, COLUMNS, VALUES)
    with_spread = parse(heatmap_svg(ROWS, COLUMNS, VALUES, "en", spread_row=spread))

    assert texts(plain, "row-label") == ROWS
    assert texts(with_spread, "row-label") == [*ROWS, "spread"]
    assert "spreiding" in texts(parse(heatmap_svg(ROWS, COLUMNS, VALUES, "nl", spread_row={})))
    assert texts(plain, "column-label") == ["Doel", "Risico", "Sturing"]
    assert view_box(with_spread)[3] > view_box(plain)[3]


def test_column_spreads_are_max_minus_min_over_the_values_present():
    spreads = column_spreads(ROWS, COLUMNS, VALUES)

    assert spreads["aim"] == pytest.approx(1.333)
    assert spreads["risk"] == pytest.approx(1.7)
    assert "governance" not in spreads  # one value only


def test_heatmap_spread_row_prints_unsigned_values():
    root = parse(heatmap_svg(ROWS, COLUMNS, VALUES, "en", spread_row={"aim": 1.33, "risk": 0.5}))
    printed = texts(root, "value")

    assert printed[-3:] == ["1.33", "0.50", MISSING]


def test_heatmap_grows_with_rows_and_columns():
    many_rows = [f"Partij {i}" for i in range(50)]
    many_columns = [(f"c{i}", f"Dimensie {i}") for i in range(12)]
    small = parse(heatmap_svg(ROWS, COLUMNS, VALUES))
    tall = parse(heatmap_svg(many_rows, COLUMNS, {}))
    wide = parse(heatmap_svg(ROWS, many_columns, {}))

    assert len(texts(tall, "row-label")) == 50
    assert view_box(tall)[3] > view_box(small)[3] + 40 * 20
    assert view_box(wide)[2] > view_box(small)[2]


def test_heatmap_shading_gets_darker_with_magnitude():
    def luminance(color: str) -> float:
        red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * red + 0.587 * green + 0.114 * blue

    rows = ["A"]
    columns = [("weak", "weak"), ("strong", "strong"), ("negative", "negative")]
    root = parse(
        heatmap_svg(
            rows, columns, {("A", "weak"): 0.1, ("A", "strong"): 0.9, ("A", "negative"): -0.9}
        )
    )
    fills = [e.get("fill") for e in root.iter(f"{NS}rect") if e.get("class") == "cell"]

    assert luminance(fills[0]) > luminance(fills[1]) + 60
    assert abs(luminance(fills[1]) - luminance(fills[2])) < 40  # sign is printed, not coloured


# ----------------------------------------------------------------------------- bars and axes


def test_profile_bars_name_every_form_with_a_percentage_and_bold_highlight():
    root = parse(profile_bars_svg(SCORES, "nl", highlight="entrepreneurial"))
    labels = texts(root, "bar-label")

    assert labels == [load_catalogue("nl").form(form).name for form in FormId]
    assert texts(root, "bar-value") == ["10%", "55%", "5%", "30%"]
    bold = [e.text for e in root.iter(f"{NS}text") if e.get("font-weight") == "bold"]
    assert bold == ["Ondernemend", "55%"]
    widths = [float(e.get("width")) for e in root.iter(f"{NS}rect") if e.get("class") == "bar"]
    assert widths[1] > widths[3] > widths[0] > widths[2]


def test_profile_bars_without_highlight_have_no_bold_and_missing_forms_are_zero():
    root = parse(profile_bars_svg({"learning": 1.0}, "en"))

    assert texts(root, "bar-value") == ["0%", "0%", "0%", "100%"]
    assert not [e for e in root.iter(f"{NS}text") if e.get("font-weight") == "bold"]


def test_axis_bars_print_values_and_place_markers_along_the_scale():
    root = parse(axis_bars_svg({"ambition": 1.0, "relation": -1.0}, "en"))
    ambition, relation = [float(e.get("cx")) for e in root.iter(f"{NS}circle")]

    assert texts(root, "axis-value") == ["+1.00", "−1.00"]
    assert ambition > relation
    assert texts(root, "pole") == ["improve", "renew", "exchange", "share"]
    assert texts(root, "axis-name") == ["Ambition", "Relation"]


def test_axis_bars_show_a_dash_for_a_missing_axis():
    root = parse(axis_bars_svg({"ambition": 0.25}, "nl"))

    assert texts(root, "axis-value") == ["+0,25", MISSING]


# ----------------------------------------------------------------------------- hostile input


def hostile_charts() -> dict[str, str]:
    points = [MapPoint(name, (0.1, 0.2), (0.5, 0.5)) for name in HOSTILE]
    columns = [(f"c{i}", name) for i, name in enumerate(HOSTILE)]
    values = {(row, column_id): 0.5 for row in HOSTILE for column_id, _label in columns}
    return {
        "map": map_svg(points, "en", title=HOSTILE[0]),
        "heatmap": heatmap_svg(HOSTILE, columns, values, "en", title=HOSTILE[1], spread_row={}),
    }


@pytest.mark.parametrize("name", ["map", "heatmap"])
def test_user_text_is_escaped(name):
    svg = hostile_charts()[name]
    root = parse(svg)  # raises if anything broke the XML
    everything = " ".join(root.itertext())

    assert "<script" not in svg.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert HOSTILE[0] in everything
    assert "\"&'<>" in everything
    assert "Bad\ufffdName\ufffd" in everything
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", svg)
    # no element or attribute was injected: only the ones the charts draw
    tags = {element.tag.removeprefix(NS) for element in root.iter()}
    assert tags <= {
        "svg",
        "title",
        "desc",
        "rect",
        "line",
        "path",
        "text",
        "tspan",
        "g",
        "circle",
        "polygon",
    }
