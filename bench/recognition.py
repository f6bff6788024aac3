"""Benchmark of the recogniser: quality, throughput and cold start. Prints its figures.

    .venv/bin/python bench/recognition.py [--json]

Quality: macro-F1 (and accuracy, abstentions, per language) on the corpus dev split, the corpus
test split (never tuned on), ../shared/cases/dev_cases.jsonl and the twelve seed examples.
Throughput: descriptions per second in one process over the whole corpus, and over the dev cases
(shorter texts), with warm caches after one warm-up pass. Cold start: wall time of ``grondvorm recognise "..."`` as a fresh subprocess
(median of five runs). Targets: macro-F1 >= 0.90 (test split, dev cases), 12/12 seed examples,
>= 2,000 descriptions/second, cold start < 1 second.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from grondvorm.recognition import evaluate, recognise

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_HEADINGS = {
    "Functioneel samenwerken": "functional",
    "Ondernemend samenwerken": "entrepreneurial",
    "Transactioneel samenwerken": "transactional",
    "Lerend samenwerken": "learning",
}


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def seed_examples() -> list[dict]:
    examples = []
    for page in sorted((SHARED / "seed").glob("*.txt")):
        form = None
        for line in page.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped in SEED_HEADINGS:
                form = SEED_HEADINGS[stripped]
            elif form and stripped.startswith("•"):
                examples.append(
                    {"form": form, "text": re.sub(r"^•\s*", "", stripped), "lang": "nl"}
                )
    return examples


def quality() -> dict[str, dict]:
    corpus = read_jsonl(ROOT / "corpus" / "nl.jsonl") + read_jsonl(ROOT / "corpus" / "en.jsonl")
    sets = {
        "corpus dev split": [row for row in corpus if row.get("split") == "dev"],
        "corpus test split": [row for row in corpus if row.get("split") == "test"],
        "fresh set": read_jsonl(ROOT / "corpus" / "fresh" / "fresh.jsonl"),
        "dev_cases": read_jsonl(SHARED / "cases" / "dev_cases.jsonl"),
        "seed examples": seed_examples(),
    }
    figures = {}
    for name, rows in sets.items():
        if not rows:
            figures[name] = {"count": 0}
            continue
        result = evaluate(rows)
        figures[name] = {
            "count": result.count,
            "macro_f1": round(result.macro_f1, 4),
            "accuracy": round(result.accuracy, 4),
            "abstentions": result.abstentions,
            "per_language": {
                lang: round(ev.macro_f1, 4) for lang, ev in sorted(result.per_language.items())
            },
        }
    return figures


def throughput(texts: list[str], seconds: float = 3.0) -> float:
    """Descriptions per second, recognising ``texts`` over and over for ``seconds``."""
    texts = texts or ["Vijf gemeenten brengen hun ICT onder in een uitvoeringsorganisatie."]
    for text in texts:
        recognise(text)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            recognise(text)
        done += len(texts)
    return done / (time.perf_counter() - start)


def cold_start(runs: int = 5) -> float:
    executable = Path(sys.executable).with_name("grondvorm")
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "grondvorm"]
    text = "Vijf gemeenten brengen hun salarisadministratie onder in één uitvoeringsorganisatie."
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*command, "recognise", text], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    corpus = read_jsonl(ROOT / "corpus" / "nl.jsonl") + read_jsonl(ROOT / "corpus" / "en.jsonl")
    cases = read_jsonl(SHARED / "cases" / "dev_cases.jsonl")
    figures = {
        "quality": quality(),
        "throughput_per_second": round(throughput([row["text"] for row in corpus])),
        "throughput_short_per_second": round(throughput([row["text"] for row in cases])),
        "cold_start_seconds": round(cold_start(), 3),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print("quality (macro-F1, accuracy, abstentions, macro-F1 per language)")
    for name, data in figures["quality"].items():
        if not data.get("count"):
            print(f"  {name:<18} (not found)")
            continue
        languages = ", ".join(f"{k} {v:.3f}" for k, v in data["per_language"].items())
        print(
            f"  {name:<18} n={data['count']:<4} macro-F1 {data['macro_f1']:.3f}  "
            f"accuracy {data['accuracy']:.3f}  abstentions {data['abstentions']}  ({languages})"
        )
    print(
        f"throughput          {figures['throughput_per_second']} descriptions/second for the corpus "
        f"texts (~86 words), {figures['throughput_short_per_second']}/s for the dev cases (~35 words)"
    )
    print(f"cold start          {figures['cold_start_seconds']:.3f} s for grondvorm recognise")
    return 0


if __name__ == "__main__":
    sys.exit(main())
