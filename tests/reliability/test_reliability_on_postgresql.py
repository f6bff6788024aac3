"""The in-process reliability suites once more against PostgreSQL, in a child pytest.

PostgreSQL is stricter than SQLite (it refuses NUL characters, checks integer ranges, runs
transactions truly in parallel), so the authorisation table, the invitation rules, the bad-input
tests and the API fuzzing run on both. The suites that start their own servers choose their
database themselves and are left out here.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tests.reliability.conftest import ROOT

SUITES = [
    "tests/reliability/test_authorisation.py",
    "tests/reliability/test_invitations.py",
    "tests/reliability/test_bad_input.py",
    "tests/reliability/test_fuzz_api.py",
    "tests/reliability/test_login_security.py",
]


@pytest.mark.postgresql
@pytest.mark.slow
def test_in_process_reliability_suites_pass_on_postgresql():
    server = os.environ.get("GRONDVORM_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("no PostgreSQL server: set GRONDVORM_TEST_POSTGRES_URL (.ci/run starts one)")
    env = dict(os.environ, GRONDVORM_DATABASE_URL=server)
    env.pop("GRONDVORM_HOME", None)

    completed = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
            *("-m", "not postgresql"),
            *("-k", "not the_server_refuses and not production_hashes"),
            *SUITES,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    summary = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-3000:]
    assert " passed" in summary and "failed" not in summary and "skipped" not in summary, summary
