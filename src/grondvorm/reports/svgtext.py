"""Faster SVG text in WeasyPrint: shape a plain text run as a whole instead of letter by letter.

WeasyPrint (up to at least version 70) lays out and draws every character of an SVG ``<text>``
separately, because SVG allows per-character positions. The report's charts have hundreds of
labels, and that per-letter work is most of the time spent on the PDF. For a text that uses none
of the per-character features (a single x and y, no dx/dy/rotate, no letter-spacing or textLength),
drawing the run as one Pango layout gives the same placement, better kerning, and words that PDF
readers can extract. This is the workaround that WeasyPrint's maintainers describe in
https://github.com/Kozea/WeasyPrint/issues/2249.

:func:`install` replaces WeasyPrint's SVG text handler with :func:`text`, which falls back to the
original for everything that is not plain; it only does so for the WeasyPrint versions it was
checked against (:data:`CHECKED_MAJOR_VERSIONS`), so a newer WeasyPrint is left untouched.
"""

from __future__ import annotations

import threading
from math import inf
from typing import Any

CHECKED_MAJOR_VERSIONS = frozenset({"70"})
_PER_CHARACTER = ("dx", "dy", "rotate", "letter-spacing", "textLength")
_installed: dict[str, Any] = {}  # "text": WeasyPrint's own handler, while ours is installed
_lock = threading.Lock()


def _plain(node: Any) -> bool:
    """True when the text needs no per-character placement."""
    if not node.text or any(key in node.attrib for key in _PER_CHARACTER):
        return False
    for key in ("x", "y"):
        value = node.attrib.get(key)
        if value is not None and len(value.replace(",", " ").split()) > 1:
            return False
    return node.get("direction") not in ("rtl",)


def text(svg: Any, node: Any, font_size: float) -> None:
    """Draw an SVG text node; plain runs as one layout, anything else as WeasyPrint does."""
    original = _installed["text"]
    if not _plain(node):
        original(svg, node, font_size)
        return
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import Style, TextBox
    from weasyprint.svg.utils import size
    from weasyprint.text.line_break import split_first_line

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    style["font_weight"] = {"normal": 400, "bold": 700}.get(weight, weight)
    try:
        style["font_weight"] = int(style["font_weight"])
    except ValueError:
        style["font_weight"] = 400
    style["font_size"] = font_size
    if node.get("direction") == "ltr":
        style["direction"] = "ltr"

    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    ascent, descent = font_size * 0.8, font_size * 0.2
    y_align = 0.0
    alignment = node.get("dominant-baseline", node.get("alignment-baseline"))
    anchor = node.get("display-anchor")
    if anchor == "middle":
        y_align = -height / 2
    elif anchor == "bottom":
        y_align = -height
    elif anchor != "top" and alignment in ("central", "middle"):
        y_align = (ascent + descent) / 2 - descent
    elif anchor != "top" and alignment in (
        "text-before-edge",
        "before_edge",
        "top",
        "hanging",
        "text-top",
    ):
        y_align = ascent
    elif anchor != "top" and alignment in (
        "text-after-edge",
        "after_edge",
        "bottom",
        "text-bottom",
    ):
        y_align = -descent

    x = size(node.attrib["x"], font_size, svg.inner_width) if "x" in node.attrib else None
    y = size(node.attrib["y"], font_size, svg.inner_height) if "y" in node.attrib else None
    if x is not None:
        svg.cursor_d_position[0] = 0
    if y is not None:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + y_align
    points = (
        (x_position, y_position - baseline),
        (x_position + width, y_position - baseline + height),
    )
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box, points)

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(
        svg.stream, box, "none", "none", Matrix(d=-1, e=x_position, f=y_position)
    )
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def install() -> bool:
    """Use :func:`text` for WeasyPrint's SVG text (once, thread-safe); False when this WeasyPrint
    is not one of the checked versions."""
    with _lock:
        if _installed:
            return True
        import weasyprint
        import weasyprint.svg as weasy_svg

        if weasyprint.__version__.split(".")[0] not in CHECKED_MAJOR_VERSIONS:
            return False
        original = weasy_svg.text
        _installed["text"] = original
        for tag, handler in list(weasy_svg.TAGS.items()):
            if handler is original:
                weasy_svg.TAGS[tag] = text
        weasy_svg.text = text  # draw_node recognises text nodes by comparing with this name
        return True


def uninstall() -> None:
    """Give WeasyPrint its own SVG text handler back (for tests and comparisons)."""
    with _lock:
        if not _installed:
            return
        import weasyprint.svg as weasy_svg

        original = _installed.pop("text")
        for tag, handler in list(weasy_svg.TAGS.items()):
            if handler is text:
                weasy_svg.TAGS[tag] = original
        weasy_svg.text = original
