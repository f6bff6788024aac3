"""HTML → PDF with WeasyPrint, imported only when a PDF is asked for.

WeasyPrint is an optional dependency (``pip install 'grondvorm[pdf]'``) that also needs the Pango
library; without them every other command keeps working and asking for a PDF gives a clear message.
Inline SVG charts stay vector graphics in the PDF.
"""

from __future__ import annotations

import logging

from grondvorm.texts import load_messages


class PdfUnavailableError(RuntimeError):
    """WeasyPrint or the Pango library is missing; the message says how to install them."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem

    def message(self, language: str) -> str:
        return load_messages("grondvorm.reports", "messages_reports.toml").get(
            "pdf_unavailable", language, problem=self.problem
        )


def _weasyprint_html():
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: the Pango library cannot be loaded
        raise PdfUnavailableError(str(error).strip() or type(error).__name__) from error
    return HTML


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (styles and images inline, no network)."""
    html_class = _weasyprint_html()
    from grondvorm.reports import svgtext

    svgtext.install()  # plain SVG labels shaped as whole runs: several times less work
    # WeasyPrint warns about every CSS property it ignores; the report's CSS is known to be fine.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return html_class(string=html, base_url=None).write_pdf()


def render_report_pdf(collaboration, language: str, *, today=None) -> bytes:
    """The report of a stored collaboration as PDF."""
    from grondvorm.reports.report import render_report_html

    html_class = _weasyprint_html()  # fail early, before the report is built
    del html_class
    return html_to_pdf(render_report_html(collaboration, language, today=today, for_pdf=True))
