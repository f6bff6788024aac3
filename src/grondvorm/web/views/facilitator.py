"""The facilitator's pages: collaborations, parties, invitations, agreements."""

from __future__ import annotations

import io
from datetime import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grondvorm.web import store
from grondvorm.web.forms import AgreementForm, CollaborationForm, PartyForm
from grondvorm.web.models import Collaboration, Party


def own_collaboration(request: HttpRequest, collaboration_id: int) -> Collaboration:
    """The collaboration if the logged-in facilitator owns it; 404 otherwise (no hint it exists)."""
    return get_object_or_404(Collaboration, pk=collaboration_id, owner=request.user)


def first_guess(description: str, language: str):
    """The text recognition's first guess of the form, or None when it cannot tell."""
    if not description.strip():
        return None
    from grondvorm.forms import load_catalogue
    from grondvorm.recognition import recognise

    recognition = recognise(description)
    catalogue = load_catalogue(language)
    ranked = sorted(recognition.scores.items(), key=lambda item: -item[1])
    return {
        "form_name": catalogue.forms[recognition.form].name if recognition.form else None,
        "scores": [(catalogue.forms[form].name, round(100 * p)) for form, p in ranked],
        "hybrid": recognition.hybrid,
        "evidence": [e.phrase for e in recognition.evidence[:6]],
        "reason": recognition.reason_text(language),
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form = CollaborationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collaboration = store.create_collaboration(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Collaboration created. Now add the parties."))
        return redirect("collaboration", collaboration.pk)
    collaborations = Collaboration.objects.filter(owner=request.user).prefetch_related("parties")
    return render(
        request, "grondvorm/dashboard.html", {"form": form, "collaborations": collaborations}
    )


@login_required
def collaboration(request: HttpRequest, collaboration_id: int) -> HttpResponse:
    item = own_collaboration(request, collaboration_id)
    if request.method == "POST" and request.POST.get("action") == "delete":
        return delete_collaboration(request, item)
    party_form = PartyForm(request.POST or None)
    if request.method == "POST" and party_form.is_valid():
        name = party_form.cleaned_data["name"].strip()
        if item.parties.filter(name=name).exists():
            party_form.add_error("name", _("A party with this name already exists."))
        else:
            store.add_party(collaboration=item, name=name)
            messages.success(
                request, _("Party added. Send the invitation link to the people of this party.")
            )
            return redirect("collaboration", item.pk)
    parties = [
        {
            **row,
            "open": row["party"].invitation_open(),
            "url": request.build_absolute_uri(
                reverse("respond_start", args=[row["party"].invitation_token])
            ),
        }
        for row in store.progress(item)
    ]
    context = {
        "collaboration": item,
        "party_form": party_form,
        "parties": parties,
        "guess": first_guess(item.description, get_language()),
        "share_url": request.build_absolute_uri(reverse("shared_results", args=[item.share_token]))
        if item.share_token
        else None,
    }
    return render(request, "grondvorm/collaboration.html", context)


@login_required
@require_POST
def revoke_party(request: HttpRequest, collaboration_id: int, party_id: int) -> HttpResponse:
    """Close or reopen a party's invitation; with ``expires_at``, set or clear its expiry."""
    item = own_collaboration(request, collaboration_id)
    party = get_object_or_404(Party, pk=party_id, collaboration=item)
    if "expires_at" not in request.POST:
        store.set_invitation(party, revoked=not party.revoked)
        return redirect("collaboration", item.pk)
    raw = request.POST["expires_at"].strip()
    try:
        store.set_invitation(party, expires_at=datetime.fromisoformat(raw) if raw else None)
    except ValueError:
        messages.error(request, _("That is not a valid date and time."))
    else:
        messages.success(request, _("Invitation expiry saved."))
    return redirect("collaboration", item.pk)


def delete_collaboration(request: HttpRequest, item: Collaboration) -> HttpResponse:
    """Delete when the facilitator typed the collaboration's name; say how much went."""
    if request.POST.get("confirm", "").strip() != item.name:
        messages.error(request, _("The name does not match; nothing was deleted."))
        return redirect("collaboration", item.pk)
    counts = store.delete_collaboration(item)
    messages.success(
        request,
        _(
            "Collaboration deleted, with %(parties)s parties, %(respondents)s respondents, "
            "%(answers)s answers and %(agreement_checks)s agreements."
        )
        % counts,
    )
    return redirect("dashboard")


@login_required
def party_qr(request: HttpRequest, collaboration_id: int, party_id: int) -> HttpResponse:
    item = own_collaboration(request, collaboration_id)
    party = get_object_or_404(Party, pk=party_id, collaboration=item)
    url = request.build_absolute_uri(reverse("respond_start", args=[party.invitation_token]))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=5, xmldecl=False, title=party.name)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@login_required
@require_POST
def sharing(request: HttpRequest, collaboration_id: int) -> HttpResponse:
    item = own_collaboration(request, collaboration_id)
    store.enable_sharing(item, request.POST.get("enabled") == "1")
    return redirect("collaboration", item.pk)


@login_required
@require_POST
def agreement(request: HttpRequest, collaboration_id: int) -> HttpResponse:
    item = own_collaboration(request, collaboration_id)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        raise Http404
    store.set_agreement(collaboration=item, **form.cleaned_data)
    if request.headers.get("HX-Request"):
        return HttpResponse(_("Saved"))
    messages.success(request, _("Agreement saved."))
    return redirect(reverse("results", args=[item.pk]) + "#agreements")
