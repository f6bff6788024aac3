"""Security headers on every answer, and the HTTPS settings that GRONDVORM_SECURE=1 switches on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.reliability.conftest import ROOT, base_env

from grondvorm.web.middleware import CONTENT_SECURITY_POLICY

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
plain = Client().get("/login/")
proxied = Client().get("/login/", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "settings": {name: getattr(settings, name, None) for name in (
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS", "SESSION_COOKIE_HTTPONLY", "CSRF_TRUSTED_ORIGINS", "DEBUG")},
    "plain": [plain.status_code, plain.headers.get("Location")],
    "proxied": [proxied.status_code, proxied.headers.get("Strict-Transport-Security"),
                proxied.cookies["csrftoken"]["secure"] if "csrftoken" in proxied.cookies else None],
}))
"""


def probe(env: dict) -> dict:
    env = dict(env, DJANGO_SETTINGS_MODULE="grondvorm.web.settings")
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_secure_mode_redirects_to_https_and_marks_cookies_secure(tmp_path):
    env = base_env(tmp_path / "home", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    env.update(GRONDVORM_SECURE="1", GRONDVORM_TRUSTED_ORIGINS="https://scan.example.org")

    found = probe(env)

    assert found["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_TRUSTED_ORIGINS": ["https://scan.example.org"],
        "DEBUG": False,
    }
    assert found["plain"] == [301, "https://testserver/login/"]
    assert found["proxied"] == [200, "max-age=31536000", True]


def test_without_secure_mode_plain_http_works_for_a_laptop(tmp_path):
    env = base_env(tmp_path / "home", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    env.pop("GRONDVORM_SECURE", None)

    found = probe(env)

    assert found["plain"] == [200, None]
    assert found["settings"]["SESSION_COOKIE_SECURE"] is False
    assert found["settings"]["DEBUG"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/login/", "/api/v1/docs", "/api/v1/openapi.json", "/nowhere/"])
def test_every_answer_carries_the_security_headers(client, url):
    reply = client.get(url)

    assert reply["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert reply["X-Frame-Options"] == "DENY"
    assert reply["X-Content-Type-Options"] == "nosniff"
    assert reply["Referrer-Policy"] == "same-origin"
    assert reply["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


@pytest.mark.django_db
def test_the_api_docs_load_no_script_from_elsewhere(client):
    page = client.get("/api/v1/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "https://" not in page
