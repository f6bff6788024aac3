"""Child processes for tests: the ``grondvorm`` command and free ports on the loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def run_grondvorm(
    *args: str, env: dict, input: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run ``python -m grondvorm ARGS`` from the repository root and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "grondvorm", *args],
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
