"""Downloads of a collaboration: the report (HTML, PDF) and the exports (CSV, XLSX, JSON)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def report(request: HttpRequest, collaboration_id: int, fmt: str) -> HttpResponse:
    raise Http404


def export(request: HttpRequest, collaboration_id: int, fmt: str) -> HttpResponse:
    raise Http404
