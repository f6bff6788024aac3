"""Logging in: rate limited per email address and client address, passwords hashed with scrypt."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from django.test import Client
from tests.reliability.conftest import PASSWORD, grondvorm, sqlite_path

from grondvorm.web import settings as production_settings

pytestmark = pytest.mark.django_db

EMAIL = "anna@example.org"


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)


def attempt(client: Client, password: str, username: str = EMAIL, address: str = "10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_address_and_email_out(client, anna):
    failures = [attempt(client, "wrong password").status_code for _ in range(4)]
    fifth = attempt(client, "wrong password")
    locked = attempt(client, PASSWORD)  # even the right password waits now

    assert failures == [200, 200, 200, 200]
    assert fifth.status_code == 429
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"
    page = locked.content.decode()
    assert "inloggen met dit e-mailadres 15 minuten geblokkeerd" in page  # Dutch by default
    assert 'name="password"' in page  # still the login page, with the reason on it
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_email_and_address(client, anna, django_user_model):
    django_user_model.objects.create_user(username="bram@example.org", password=PASSWORD)
    for _ in range(5):
        attempt(client, "wrong password")

    other_user = attempt(Client(), PASSWORD, username="bram@example.org")
    other_address = attempt(Client(), PASSWORD, address="10.0.0.2")
    other_case = attempt(Client(), PASSWORD, username=" ANNA@example.org")

    assert other_user.status_code == 302
    assert other_address.status_code == 302
    assert other_case.status_code == 429  # "Anna@…" is the same account


def test_a_successful_login_resets_the_count(client, anna):
    for _ in range(4):
        attempt(client, "wrong password")
    assert attempt(Client(), PASSWORD).status_code == 302

    after = [attempt(client, "wrong password").status_code for _ in range(4)]

    assert after == [200, 200, 200, 200]


def test_the_client_address_behind_proxies_is_the_one_the_proxy_saw(client, anna, monkeypatch):
    monkeypatch.setenv("GRONDVORM_PROXY_COUNT", "1")
    for spoofed in range(5):  # the client forges the left part; the proxy appends the real address
        client.post(
            "/login/",
            {"username": EMAIL, "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.1.1.{spoofed}, 203.0.113.9",
        )

    locked = client.post(
        "/login/",
        {"username": EMAIL, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="1.1.1.99, 203.0.113.9",
    )
    elsewhere = Client().post(
        "/login/",
        {"username": EMAIL, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


def test_production_hashes_passwords_with_scrypt(sqlite_env):
    created = grondvorm("createuser", "--email", EMAIL, "--password", PASSWORD, env=sqlite_env)

    with closing(sqlite3.connect(sqlite_path(sqlite_env))) as db:
        (stored,) = db.execute("SELECT password FROM auth_user").fetchone()
    assert created.returncode == 0, created.stderr
    assert production_settings.PASSWORD_HASHERS[0].endswith("ScryptPasswordHasher")
    assert stored.startswith("scrypt$")
    assert PASSWORD not in stored
