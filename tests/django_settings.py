"""Django settings for the test run: the app's own settings on a throwaway data folder.

The database is SQLite unless ``GRONDVORM_DATABASE_URL`` is set (the PostgreSQL run of the web tests
sets it; see tests/web/test_postgresql.py). pytest-django creates and drops the test database.
"""

import os
import tempfile

os.environ.setdefault("GRONDVORM_HOME", tempfile.mkdtemp(prefix="grondvorm-test-home-"))
os.environ.setdefault("GRONDVORM_SECRET_KEY", "test-secret-key-not-for-production")

from grondvorm.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; production uses scrypt
