"""Downloads of a collaboration: the report (HTML, PDF) and the exports (CSV, XLSX, JSON).

Only the facilitator who owns the collaboration gets them; anyone else gets a 404, as on the
other facilitator pages. Every file is an attachment named after the collaboration.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language

from grondvorm.web.models import Collaboration
from grondvorm.web.views.facilitator import own_collaboration

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SLUG_MAX = 60


def download_name(collaboration: Collaboration, kind: str, fmt: str) -> str:
    """A safe file name: ASCII letters, digits and dashes from the collaboration's name."""
    slug = slugify(collaboration.name)[:SLUG_MAX].strip("-") or f"collaboration-{collaboration.pk}"
    return f"grondvorm-{slug}-{kind}.{fmt}"


def _attachment(
    body: bytes | str, collaboration: Collaboration, kind: str, fmt: str
) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = download_name(collaboration, kind, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def report(request: HttpRequest, collaboration_id: int, fmt: str) -> HttpResponse:
    """``report.html`` or ``report.pdf`` in the language of the page."""
    collaboration = own_collaboration(request, collaboration_id)
    language = get_language() or "nl"
    if fmt == "html":
        from grondvorm.reports.report import render_report_html

        return _attachment(
            render_report_html(collaboration, language), collaboration, "report", fmt
        )
    if fmt == "pdf":
        from grondvorm.reports.pdf import PdfUnavailableError, render_report_pdf

        try:
            body = render_report_pdf(collaboration, language)
        except PdfUnavailableError as error:
            return HttpResponse(
                error.message(language), status=503, content_type="text/plain; charset=utf-8"
            )
        return _attachment(body, collaboration, "report", fmt)
    raise Http404


@login_required
def export(request: HttpRequest, collaboration_id: int, fmt: str) -> HttpResponse:
    """``export.csv`` (answers in long form), ``export.xlsx`` (one sheet per view) or
    ``export.json`` (the whole collaboration, for ``grondvorm import``)."""
    collaboration = own_collaboration(request, collaboration_id)
    language = get_language() or "nl"
    if fmt == "csv":
        from grondvorm.reports.tables import csv_text

        return _attachment(csv_text(collaboration, language), collaboration, "answers", fmt)
    if fmt == "xlsx":
        from grondvorm.reports.tables import xlsx_bytes

        return _attachment(xlsx_bytes(collaboration, language), collaboration, "data", fmt)
    if fmt == "json":
        from grondvorm.web.transfer import export_json

        return _attachment(export_json(collaboration), collaboration, "export", fmt)
    raise Http404
