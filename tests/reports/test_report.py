"""The report: its content, HTML escaping, and the PDF's pages, text and rendering."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from tests.web.conftest import INSTRUMENT, answers_for

from grondvorm.forms import FormId
from grondvorm.reports import report as report_module
from grondvorm.reports.report import TEMPLATE_DIR, render_report_html, report_texts
from grondvorm.web import store

pytestmark = pytest.mark.django_db

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_DESCRIPTION = "Samen <b>& beter</b>"
DAY = date(2026, 3, 12)
# party name -> (form now, form desired, respondents)
PARTIES = {
    "Gemeente": (FormId.TRANSACTIONAL, FormId.FUNCTIONAL, 2),
    "Ziekenhuis": (FormId.FUNCTIONAL, FormId.FUNCTIONAL, 3),
    "Huisartsen": (FormId.LEARNING, FormId.ENTREPRENEURIAL, 2),
    HOSTILE_NAME: (FormId.ENTREPRENEURIAL, FormId.LEARNING, 2),
    "Kleine partij": (FormId.LEARNING, FormId.LEARNING, 1),  # below the threshold: left out
}
SECTION_KEYS = ("forms", "map", "profiles", "divergence", "agenda", "agreements", "method")


def respond(party, now: FormId, desired: FormId) -> None:
    data = {
        "instrument": {"id": INSTRUMENT.id, "version": INSTRUMENT.version},
        "answers": answers_for(now, desired),
    }
    store.record_response(invitation_token=party.invitation_token, data=data)


def seed_collaboration(owner, parties=PARTIES, description: str = HOSTILE_DESCRIPTION):
    """A collaboration whose parties disagree, one hostile name, one party too small to show,
    and two agreements ticked with notes."""
    collaboration = store.create_collaboration(
        owner=owner, name="Regio Zorg", description=description
    )
    for name, (now, desired, count) in parties.items():
        party = store.add_party(collaboration=collaboration, name=name)
        for _ in range(count):
            respond(party, now, desired)
    agreements = store.results(collaboration).agreements
    notes = ("Getekend op 3 maart", "Zie <i>bijlage</i> & akte")
    for item, note in zip(agreements[:2], notes, strict=True):
        store.set_agreement(
            collaboration=collaboration, form=item.form.value, item=item.index, done=True, note=note
        )
    return collaboration


@pytest.fixture
def seeded(facilitator_user):
    return seed_collaboration(facilitator_user)


@pytest.fixture
def facilitator_user(facilitator):
    return facilitator


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian package poppler-utils; .ci/run installs it)")
    return path


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, whitespace collapsed."""
    text = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.fixture
def pdf_file(seeded, tmp_path) -> Path:
    from grondvorm.reports.pdf import render_report_pdf

    path = tmp_path / "report.pdf"
    path.write_bytes(render_report_pdf(seeded, "nl", today=DAY))
    return path


# ----------------------------------------------------------------------------- HTML


def test_report_html_has_every_section_party_topic_and_agreement(seeded):
    html = render_report_html(seeded, "nl", today=DAY)
    texts = report_texts("nl")
    result = store.results(seeded, "nl")

    for key in SECTION_KEYS:
        assert f'<section id="{key}" class="chapter">' in html
        assert texts[f"section_{key}"] in html
    assert "12 maart 2026" in html
    for name in ("Gemeente", "Ziekenhuis", "Huisartsen", "Kleine partij"):
        assert name in html
    for topic in result.agenda:
        assert topic.title in html
    assert html.count('class="topic"') == len(result.agenda) >= 3
    assert html.count('<tr class="done">') == 2
    assert "Getekend op 3 maart" in html
    assert html.count("<svg") == 3 + 2 * (len(result.parties) + 1)  # map, 2 heat maps, bars


def test_report_html_escapes_what_users_typed(seeded):
    html = render_report_html(seeded, "nl", today=DAY)

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Samen &lt;b&gt;&amp; beter&lt;/b&gt;" in html
    assert "<b>" not in html and "<i>bijlage" not in html
    assert "Zie &lt;i&gt;bijlage&lt;/i&gt; &amp; akte" in html


def test_report_html_in_english_has_english_sections(seeded):
    html = render_report_html(seeded, "en", today=DAY)

    assert '<html lang="en">' in html
    assert "The four basic forms" in html and "12 March 2026" in html
    assert "De vier grondvormen" not in html


def test_method_section_names_pooled_and_left_out_parties(seeded):
    method = report_module.report_context(seeded, "en", today=DAY)["method"]

    statuses = {row["name"]: (row["n"], row["status"]) for row in method["parties"]}
    assert statuses["Ziekenhuis"] == (3, "own results")
    assert statuses["Kleine partij"] == (1, "left out (too few, even together)")
    assert method["total"] == 10
    assert "at least 2 of its respondents" in method["privacy"][0]
    assert (
        method["privacy"][1] == "Left out: Kleine partij (1 respondent(s), too few even together)."
    )
    assert "grondvorm-scan, version 1" in method["instrument"]


def test_report_of_a_collaboration_without_answers_says_so(facilitator_user):
    empty = store.create_collaboration(owner=facilitator_user, name="Nieuw")
    store.add_party(collaboration=empty, name="Gemeente")

    html = render_report_html(empty, "en", today=DAY)

    assert html.count(report_texts("en")["no_results"]) == 5
    assert "<svg" not in html


def test_template_uses_only_texts_that_exist():
    used = set()
    for path in Path(TEMPLATE_DIR).rglob("*.html"):
        used |= set(re.findall(r"\bt\.(\w+)", path.read_text(encoding="utf-8")))

    assert used
    assert used - set(report_texts("nl")) == set()
    assert set(report_texts("nl")) == set(report_texts("en"))


def test_pdf_charts_are_svg_images_drawn_as_vectors(seeded):
    html = render_report_html(seeded, "nl", today=DAY, for_pdf=True)

    assert "<svg" not in html
    assert html.count('src="data:image/svg+xml;base64,') == 3 + 2 * (
        len(store.results(seeded).parties) + 1
    )


# ----------------------------------------------------------------------------- PDF


def test_pdf_has_a_cover_and_each_section_on_its_own_page(pdf_file):
    pages = pdf_pages(pdf_file)
    titles = [report_texts("nl")[f"section_{key}"] for key in SECTION_KEYS]

    assert len(pages) >= 1 + len(SECTION_KEYS)
    assert pages[0].lower().startswith("grondvorm · ")
    assert "Regio Zorg" in pages[0] and "12 maart 2026" in pages[0]
    starts = []
    for number, title in enumerate(titles, start=1):
        found = [i for i, page in enumerate(pages) if page.startswith(f"{number} {title}")]
        assert len(found) == 1, title
        starts.append(found[0])
    assert starts == sorted(starts) and starts[0] == 1
    assert pages[1].endswith(f"2 / {len(pages)}")


def test_pdf_text_has_every_party_and_agenda_topic_literally(pdf_file, seeded):
    text = " ".join(pdf_pages(pdf_file))

    for name in PARTIES:
        assert name in text
    for topic in store.results(seeded, "nl").agenda:
        assert topic.title in text
    assert "Samen <b>& beter</b>" in text
    assert "Zie <i>bijlage</i> & akte" in text


def test_pdf_has_no_raster_images(pdf_file):
    listing = subprocess.run(
        [poppler("pdfimages"), "-list", str(pdf_file)], capture_output=True, text=True, check=True
    ).stdout.splitlines()

    assert len(listing) == 2  # the header lines only: every chart is vector graphics


def test_pdf_page_renders_to_something_visible(pdf_file, tmp_path):
    from PIL import Image

    subprocess.run(
        [
            poppler("pdftoppm"),
            "-png",
            "-r",
            "50",
            "-f",
            "2",
            "-l",
            "2",
            str(pdf_file),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    (image_path,) = tmp_path.glob("page*.png")
    image = Image.open(image_path).convert("L")
    dark = sum(image.histogram()[:200])  # pixels clearly darker than white

    assert image.size[0] > 300
    assert dark / (image.size[0] * image.size[1]) > 0.02


def test_missing_weasyprint_gives_the_install_command(seeded, monkeypatch):
    from grondvorm.reports.pdf import PdfUnavailableError, render_report_pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)

    with pytest.raises(PdfUnavailableError) as raised:
        render_report_pdf(seeded, "en")

    assert "pip install 'grondvorm[pdf]'" in raised.value.message("en")
    assert "pip install 'grondvorm[pdf]'" in raised.value.message("nl")


# ----------------------------------------------------------------------------- SVG text in WeasyPrint


def render_chart(tmp_path: Path, name: str):
    """A heat map drawn by WeasyPrint: its extracted text and its page as an image."""
    from PIL import Image

    from grondvorm.reports.charts import heatmap_svg
    from grondvorm.reports.pdf import html_to_pdf
    from grondvorm.reports.report import chart

    svg = heatmap_svg(
        ["Gemeente Westerkwartier", "Huisartsen"],
        [(d, INSTRUMENT.dimensions[d].names["nl"]) for d in INSTRUMENT.dimensions],
        {("Huisartsen", "risk"): -0.5, ("Gemeente Westerkwartier", "risk"): 0.75},
        "nl",
        spread_row={"risk": 1.25},
    )
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(html_to_pdf(f"<html><body>{chart(svg, 'x', True)}</body></html>"))
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", str(pdf), str(tmp_path / name)], check=True
    )
    (png,) = tmp_path.glob(f"{name}*.png")
    return " ".join(pdf_pages(pdf)), Image.open(png).convert("L")


def test_svg_text_as_whole_runs_draws_the_same_chart(tmp_path, monkeypatch):
    from PIL import ImageChops

    from grondvorm.reports import svgtext

    svgtext.uninstall()
    monkeypatch.setattr(svgtext, "install", lambda: False)  # WeasyPrint's own, letter by letter
    _, letters = render_chart(tmp_path, "letters")
    monkeypatch.undo()  # html_to_pdf installs the whole-run text again
    text, runs = render_chart(tmp_path, "runs")

    difference = ImageChops.difference(letters, runs).histogram()
    assert letters.size == runs.size
    assert sum(difference[64:]) / (runs.size[0] * runs.size[1]) < 0.02
    assert "Gemeente Westerkwartier" in text and "+0,75" in text and "spreiding" in text


def test_svg_text_patch_leaves_an_unchecked_weasyprint_alone(monkeypatch):
    import weasyprint
    import weasyprint.svg

    from grondvorm.reports import svgtext

    svgtext.uninstall()
    original = weasyprint.svg.TAGS["text"]
    monkeypatch.setattr(weasyprint, "__version__", "99.0")

    assert svgtext.install() is False
    assert weasyprint.svg.TAGS["text"] is original and weasyprint.svg.text is original
    monkeypatch.undo()
    assert svgtext.install() is True
    assert weasyprint.svg.TAGS["text"] is svgtext.text is weasyprint.svg.text
