"""Security headers that Django does not set itself, and the hooks of login rate limiting (axes)."""

from __future__ import annotations

import os
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",  # inline style attributes in SVG charts
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy and a Permissions-Policy to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class BodySizeLimitMiddleware:
    """Refuses a request whose declared body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE with 413.

    Django itself only notices when a view reads the body, and answers 400; this says what is
    wrong before any view runs (the WSGI server has its own, larger limit for undeclared sizes).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if limit is not None and declared > limit:
            return too_large(request)
        return self.get_response(request)


def too_large(request: HttpRequest) -> HttpResponse:
    """413: JSON for the API, plain text elsewhere."""
    from django.http import JsonResponse

    detail = "request body too large"
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=413)
    return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for login rate limiting.

    Behind ``GRONDVORM_PROXY_COUNT`` reverse proxies that append to ``X-Forwarded-For``, the
    client is that many entries from the right (entries further left can be forged by the client);
    without proxies it is the socket's address.
    """
    count = int(os.environ.get("GRONDVORM_PROXY_COUNT", "0") or 0)
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def client_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username of a login attempt as the accounts store it (lower case, trimmed)."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """After too many failed logins: the login page again, status 429, saying why and how long."""
    from django.conf import settings
    from django.contrib import messages
    from django.contrib.auth.forms import AuthenticationForm
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    messages.error(
        request,
        _(
            "Too many failed login attempts. For safety, logging in with this email address "
            "is paused for %(minutes)s minutes."
        )
        % {"minutes": minutes},
    )
    context = {"form": AuthenticationForm(request), "next": request.POST.get("next", "")}
    response = render(request, "grondvorm/login.html", context, status=429)
    response.headers["Retry-After"] = str(minutes * 60)
    return response
