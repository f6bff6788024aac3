"""Results pages: for the facilitator, shared with the parties, and live on a projector."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from grondvorm.web import store
from grondvorm.web.models import Collaboration
from grondvorm.web.presenters import results_context
from grondvorm.web.views.facilitator import own_collaboration

LIVE_REFRESH_SECONDS = 4


def _context(collaboration: Collaboration, *, editable: bool) -> dict:
    language = get_language() or "nl"
    result = store.results(collaboration, language)
    context = results_context(result, language, store.agreement_checks(collaboration))
    context.update(
        collaboration=collaboration,
        editable=editable,
        progress=store.progress(collaboration),
        refresh_seconds=LIVE_REFRESH_SECONDS,
    )
    return context


@login_required
def results(request: HttpRequest, collaboration_id: int) -> HttpResponse:
    collaboration = own_collaboration(request, collaboration_id)
    return render(request, "grondvorm/results.html", _context(collaboration, editable=True))


def shared_results(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only results page the facilitator shares with all invited parties."""
    collaboration = get_object_or_404(Collaboration, share_token=token)
    return render(request, "grondvorm/results.html", _context(collaboration, editable=False))


@login_required
def live(request: HttpRequest, collaboration_id: int) -> HttpResponse:
    collaboration = own_collaboration(request, collaboration_id)
    template = (
        "grondvorm/_live_body.html" if request.headers.get("HX-Request") else "grondvorm/live.html"
    )
    return render(request, template, _context(collaboration, editable=False))
