"""The respondent's pages: no account, a personal link to continue later, no JavaScript needed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from grondvorm.scan import load_instrument
from grondvorm.web import store
from grondvorm.web.models import Respondent

STATEMENTS_PER_PAGE = 4
SCALE = ("1", "2", "3", "4", "5")
DONT_KNOW = "0"
RESUME_COOKIE = "grondvorm_resume_{party}"


def pages() -> list[list]:
    statements = list(load_instrument().statements)
    return [
        statements[i : i + STATEMENTS_PER_PAGE]
        for i in range(0, len(statements), STATEMENTS_PER_PAGE)
    ]


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, token: str) -> HttpResponse:
    try:
        party = store.party_for_invitation(token)
    except store.InvitationError:
        return render(request, "grondvorm/respond_closed.html", status=404)
    cookie = RESUME_COOKIE.format(party=party.pk)
    if request.method == "POST":
        continuing = _earlier(request, party) if request.POST.get("action") == "continue" else None
        if continuing is not None:
            respondent = continuing
        else:
            respondent = store.start_respondent(party=party, language=get_language() or "nl")
        response = redirect("respond_page", respondent.resume_token, 1)
        response.set_cookie(
            cookie,
            respondent.resume_token,
            max_age=60 * 60 * 24 * 90,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    context = {
        "party": party,
        "collaboration": party.collaboration,
        "earlier": _earlier(request, party),
        "statement_count": len(load_instrument().statements),
    }
    return render(request, "grondvorm/respond_start.html", context)


def _earlier(request: HttpRequest, party) -> Respondent | None:
    """The respondent this device started for the party, from its cookie (no cookie, no query)."""
    resume_token = request.COOKIES.get(RESUME_COOKIE.format(party=party.pk))
    if not resume_token:
        return None
    return Respondent.objects.filter(resume_token=resume_token, party=party).first()


def _respondent(token: str) -> Respondent:
    respondent = get_object_or_404(
        Respondent.objects.select_related("party__collaboration"), resume_token=token
    )
    if not respondent.party.invitation_open() and respondent.submitted_at is None:
        raise Http404
    return respondent


def resume(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link: continue at the first page with an unanswered statement."""
    respondent = _respondent(token)
    answered = set(store.answers_of(respondent))
    for number, page in enumerate(pages(), start=1):
        if any(statement.id not in answered for statement in page):
            return redirect("respond_page", token, number)
    return redirect("respond_page", token, len(pages()))


def _scale_value(raw: str | None) -> int | None:
    """A posted radio value as 1..5; "don't know" (0) and anything else as None."""
    return int(raw) if raw in SCALE else None


def _read_page(request: HttpRequest, page) -> dict[str, tuple[int | None, int | None]]:
    """The answers posted for the statements of one page; untouched statements are left out."""
    answers = {}
    for statement in page:
        now = request.POST.get(f"{statement.id}-now")
        desired = request.POST.get(f"{statement.id}-desired")
        if now is not None or desired is not None:
            answers[statement.id] = (_scale_value(now), _scale_value(desired))
    return answers


@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    respondent = _respondent(token)
    all_pages = pages()
    if not 1 <= number <= len(all_pages):
        return redirect("respond_page", token, 1)
    current = all_pages[number - 1]
    if request.method == "POST" and respondent.submitted_at is None:
        action = request.POST.get("action", "next")
        finish = action not in ("previous", "later") and number == len(all_pages)
        store.save_answers(respondent, _read_page(request, current), finish=finish)
        if action == "previous":
            return redirect("respond_page", token, max(1, number - 1))
        if action == "later":
            return redirect("respond_saved", token)
        if not finish:
            return redirect("respond_page", token, number + 1)
        return redirect("respond_done", token)
    saved = store.answers_of(respondent)
    language = get_language() or "nl"
    instrument = load_instrument()
    items = []
    for statement in current:
        now, desired = saved.get(statement.id, (None, None))
        answered = statement.id in saved
        items.append(
            {
                "id": statement.id,
                "text": statement.texts.get(language, statement.texts["nl"]),
                "now": "" if not answered else str(now or DONT_KNOW),
                "desired": "" if not answered else str(desired or DONT_KNOW),
            }
        )
    context = {
        "respondent": respondent,
        "party": respondent.party,
        "collaboration": respondent.party.collaboration,
        "items": items,
        "number": number,
        "page_count": len(all_pages),
        "answered": len(saved),
        "total": len(instrument.statements),
        "scale": [(str(value), label) for value, label in instrument.scale_labels(language).items()]
        + [(DONT_KNOW, instrument.dont_know_label(language))],
        "resume_url": request.build_absolute_uri(reverse("respond_resume", args=[token])),
        "submitted": respondent.submitted_at is not None,
    }
    return render(request, "grondvorm/respond_page.html", context)


def saved(request: HttpRequest, token: str) -> HttpResponse:
    respondent = _respondent(token)
    url = request.build_absolute_uri(reverse("respond_resume", args=[token]))
    return render(
        request,
        "grondvorm/respond_saved.html",
        {
            "respondent": respondent,
            "resume_url": url,
            "answered": len(store.answers_of(respondent)),
            "total": len(load_instrument().statements),
        },
    )


def done(request: HttpRequest, token: str) -> HttpResponse:
    respondent = _respondent(token)
    return render(
        request,
        "grondvorm/respond_done.html",
        {"respondent": respondent, "collaboration": respondent.party.collaboration},
    )
