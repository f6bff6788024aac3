"""Shared test set-up.

Tests that need a system tool (chromium, PostgreSQL, pdftoppm) skip with the reason on a machine
that lacks it. Under CI (``CI=true``) or with ``GRONDVORM_STRICT_TESTS=1`` a skip is a failure:
``.ci/run`` installs everything the tests need, so a skip there means something is missing.
"""

from __future__ import annotations

import os

import pytest

STRICT = (
    os.environ.get("CI", "").lower() == "true" or os.environ.get("GRONDVORM_STRICT_TESTS") == "1"
)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory, monkeypatch):
    """Every test gets its own data folder and a fixed language, so the user's files are never touched."""
    monkeypatch.setenv("GRONDVORM_HOME", str(tmp_path_factory.mktemp("grondvorm-home")))
    monkeypatch.setenv("GRONDVORM_LANG", "nl")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Results are cached per process; every test starts with an empty cache."""
    yield
    from django.conf import settings

    if settings.configured:
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def facilitator(django_user_model):
    """Facilitator anna@example.org (needs the database)."""
    return django_user_model.objects.create_user(
        username="anna@example.org", email="anna@example.org", password="correct horse battery"
    )


@pytest.fixture
def other_facilitator(django_user_model):
    """A second facilitator, bram@example.org, who must never see anna's collaborations."""
    return django_user_model.objects.create_user(
        username="bram@example.org", email="bram@example.org", password="another good phrase"
    )


def pytest_runtest_makereport(item, call):
    """Under strict mode, turn a skip into a failure that keeps the skip's reason."""
    if not STRICT or call.excinfo is None or not call.excinfo.errisinstance(pytest.skip.Exception):
        return None
    if item.get_closest_marker("allow_skip"):
        return None
    reason = str(call.excinfo.value)
    call.excinfo = None
    try:
        pytest.fail(
            f"skipped in CI (strict mode), which counts as a failure: {reason}", pytrace=False
        )
    except pytest.fail.Exception:
        import sys

        from _pytest._code import ExceptionInfo

        call.excinfo = ExceptionInfo.from_exc_info(sys.exc_info())
    return None
