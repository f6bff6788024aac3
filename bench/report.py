"""Benchmark: the PDF report of a collaboration with 20 parties × 10 respondents.

Run with ``python bench/report.py``. It builds the collaboration in a temporary SQLite database (its
own GRONDVORM_HOME, so nothing of the user's is touched), then times the whole PDF step — results,
charts, HTML and WeasyPrint — three times and prints the median, e.g.::

    report_pdf_seconds=1.23 pages=16 parties=20 respondents=200

Target: under 3 seconds on the development machine.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 3.0


def build(parties: int, respondents: int):
    """A collaboration whose parties see, and want, different forms (with personal noise)."""
    from django.contrib.auth import get_user_model

    from grondvorm.forms import FORM_IDS
    from grondvorm.scan import load_instrument
    from grondvorm.web import store
    from grondvorm.web.demo import persona_answers

    instrument = load_instrument()
    owner = get_user_model().objects.create_user(username="bench@example.org", password="-")
    collaboration = store.create_collaboration(
        owner=owner, name="Benchmark: regionale samenwerking", description="20 partijen."
    )
    rng = random.Random(2026)
    for index in range(parties):
        party = store.add_party(collaboration=collaboration, name=f"Partij {index + 1:02d}")
        now, desired = FORM_IDS[index % 4], FORM_IDS[(index // 4 + index) % 4]
        for _ in range(respondents):
            answers = persona_answers(now, desired, rng)
            store.record_response(
                invitation_token=party.invitation_token,
                data={
                    "instrument": {"id": instrument.id, "version": instrument.version},
                    "answers": {sid: {"now": a, "desired": b} for sid, (a, b) in answers.items()},
                },
            )
    for item in store.results(collaboration, "nl").agreements[:3]:
        store.set_agreement(
            collaboration=collaboration,
            form=item.form.value,
            item=item.index,
            done=True,
            note="Ok.",
        )
    return collaboration


def pages(pdf: bytes) -> str:
    """The page count from poppler's pdfinfo, or "?" when it is not installed."""
    if shutil.which("pdfinfo") is None:
        return "?"
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False).stdout
    found = re.search(rb"^Pages:\s+(\d+)", info, re.MULTILINE)
    return found.group(1).decode() if found else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=20)
    parser.add_argument("--respondents", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--out", type=Path, help="also write the last PDF here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="grondvorm-bench-") as home:
        os.environ["GRONDVORM_HOME"] = home
        os.environ["GRONDVORM_DATABASE_URL"] = f"sqlite:///{Path(home) / 'bench.sqlite3'}"
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        from grondvorm.web import bootstrap

        bootstrap.ready()
        from grondvorm.reports.pdf import render_report_pdf

        collaboration = build(args.parties, args.respondents)
        render_report_pdf(collaboration, args.lang)  # warm up: fonts, templates, instrument
        timings, cpu, pdf = [], [], b""
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            pdf = render_report_pdf(collaboration, args.lang)
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        if args.out:
            args.out.write_bytes(pdf)
        from django.db import connections

        connections.close_all()
    median = statistics.median(timings)
    print(
        f"report_pdf_seconds={median:.2f} pages={pages(pdf)} parties={args.parties} "
        f"respondents={args.parties * args.respondents} cpu_seconds={statistics.median(cpu):.2f}"
    )
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
