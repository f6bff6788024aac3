"""Benchmark of the recogniser: quality, throughput and cold start. Prints its figures.

    .venv/bin/python bench/recognition.py [--json]

Quality: macro-F1 (and accuracy, abstentions, per language) on the corpus dev split, the corpus
test split (never tuned on), the three fresh sets (written apart, never tuned on),
../shared/cases/dev_cases.jsonl and the twelve seed examples.

Throughput, in descriptions per second in one process, per set: *seen before*, the texts
recognised over and over after one warm-up pass (the median of five rounds, with the slowest and
fastest round, because this shared machine varies); and *new*, each text once in a fresh process
whose memos hold only the shipped vocabulary (the words of the corpus, the lexicon and the
function words), as when a user recognises their own set of descriptions (the median of three
processes). The corpus's own words ship, so its *new* figure is not a first sight; the dev cases
and the fresh sets are. *Bulk*: every text written apart (dev cases and fresh sets, 376 distinct
descriptions), once each in one fresh process, in a fixed shuffled order: the figure a user's
bulk run of new descriptions gets.

Cold start: wall time of ``grondvorm recognise "..."`` as a fresh subprocess (median of five
runs). Targets: macro-F1 >= 0.90 (test split, fresh sets, dev cases), 12/12 seed examples,
>= 2,000 descriptions/second, cold start < 1 second.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from grondvorm.recognition import evaluate, recognise

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FRESH = ROOT / "corpus" / "fresh"
FRESH_SETS = ("fresh", "fresh2", "fresh3")
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
        **{f"{name} set": read_jsonl(FRESH / f"{name}.jsonl") for name in FRESH_SETS},
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


def throughput(texts: list[str], seconds: float = 3.0, rounds: int = 5) -> dict[str, float]:
    """Descriptions per second, recognising ``texts`` over and over in ``rounds`` rounds that
    together last about ``seconds``: the median round, the slowest and the fastest, and the
    mean time per word in microseconds. (This machine is shared: one round may run a quarter
    slower than the next, so a single figure would mislead.)"""
    texts = texts or ["Vijf gemeenten brengen hun ICT onder in een uitvoeringsorganisatie."]
    for text in texts:
        recognise(text)
    words = sum(len(text.split()) for text in texts)
    rates = []
    for _ in range(rounds):
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / rounds:
            for text in texts:
                recognise(text)
            done += 1
        elapsed = time.perf_counter() - start
        rates.append(done * len(texts) / elapsed)
    median = statistics.median(rates)
    return {
        "per_second": round(median),
        "slowest_round": round(min(rates)),
        "fastest_round": round(max(rates)),
        "mean_words": round(words / len(texts)),
        "microseconds_per_word": round(1e6 * len(texts) / median / words, 2),
    }


FIRST_SIGHT = """
import json, sys, time
from grondvorm.recognition import recognise
recognise("Vijf gemeenten brengen hun salarisadministratie onder in een uitvoeringsorganisatie.")
recognise("Five councils placed their payroll with one shared service organisation.")
texts = json.load(sys.stdin)
start = time.perf_counter()
for text in texts:
    recognise(text)
print(len(texts) / (time.perf_counter() - start))
"""


def first_sight(texts: list[str], runs: int = 3) -> int:
    """Descriptions per second when every text is new: one pass in a fresh process whose
    lexicon and model are loaded but whose per-word memos are empty, as for a user's own set
    (the median of ``runs`` processes)."""
    rates = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST_SIGHT],
                input=json.dumps(texts),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return round(statistics.median(rates))


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
    sets = {"corpus texts": corpus, "dev cases": cases}
    sets.update({f"{name} set": read_jsonl(FRESH / f"{name}.jsonl") for name in FRESH_SETS})
    speed = {}
    for name, rows in sets.items():
        texts = [row["text"] for row in rows]
        speed[name] = {**throughput(texts), "first_sight_per_second": first_sight(texts)}
    apart = [row["text"] for name, rows in sets.items() if name != "corpus texts" for row in rows]
    random.Random(7).shuffle(apart)
    bulk = {
        "descriptions": len(apart),
        "mean_words": round(sum(len(text.split()) for text in apart) / max(1, len(apart))),
        "per_second": first_sight(apart),
    }
    figures = {
        "quality": quality(),
        "throughput_per_second": speed["corpus texts"]["per_second"],
        "throughput_short_per_second": speed["dev cases"]["per_second"],
        "throughput": speed,
        "bulk_new": bulk,
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
        "throughput (descriptions/second in one process: texts seen before, median round and "
        "slowest-fastest; every text new, in a fresh process)"
    )
    for name, data in speed.items():
        print(
            f"  {name:<18} {data['per_second']:>5}/s  ({data['slowest_round']}-"
            f"{data['fastest_round']}), new: {data['first_sight_per_second']:>5}/s  "
            f"{data['mean_words']} words on average"
        )
    print(
        f"  bulk, all new      {bulk['per_second']:>5}/s  ({bulk['descriptions']} descriptions "
        f"written apart, {bulk['mean_words']} words on average, once each in one fresh process)"
    )
    print(f"cold start          {figures['cold_start_seconds']:.3f} s for grondvorm recognise")
    return 0


if __name__ == "__main__":
    sys.exit(main())
