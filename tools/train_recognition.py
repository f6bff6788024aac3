"""Retrain the recogniser's linear model on the corpus's dev split (never the test split).

    .venv/bin/python tools/train_recognition.py            # cross-validate, fit, write the model
    .venv/bin/python tools/train_recognition.py --errors   # list dev descriptions the shipped
                                                           # recogniser gets wrong, with evidence

The model is a multinomial logistic regression over the features of
``grondvorm.recognition.model.features`` with the lexicon's four scores as an offset scaled by a
learned ``lexicon_scale``. It is fitted in pure Python (Adam on the L2-regularised log loss);
the regularisation strength is chosen by stratified cross-validation on the dev split. Features
seen in fewer than ``--min-df`` dev descriptions are dropped, so names and one-off words never
enter the model. The result goes to ``src/grondvorm/recognition/data/model.json``, with the
cross-validated figures and a fingerprint of the lexicon it was trained with.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition import recognise
from grondvorm.recognition.evaluation import score
from grondvorm.recognition.lexicon import compiled_document
from grondvorm.recognition.model import feature_value
from grondvorm.recognition.resources import lexicon_fingerprint
from grondvorm.recognition.signals import read

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "grondvorm" / "recognition" / "data"
MODEL_PATH = DATA / "model.json"
FORMS = [form.value for form in FORM_IDS]
K = len(FORMS)

Example = tuple[list[tuple[int, float]], tuple[float, ...], int, str]


def load_dev(corpus: Path) -> list[dict]:
    """The dev split of every ``*.jsonl`` file in ``corpus``."""
    rows = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("split") == "dev":
                    rows.append(row)
    return rows


def featurise(rows: list[dict], min_df: int) -> tuple[list[str], list[Example]]:
    """The vocabulary (features in at least ``min_df`` rows) and each row as an example."""
    read_rows = [(row, read(row["text"], row["lang"])) for row in rows]
    df = Counter(name for _, signals in read_rows for name in signals.features)
    vocabulary = sorted(name for name, count in df.items() if count >= min_df)
    index = {name: i for i, name in enumerate(vocabulary)}
    examples = []
    for row, signals in read_rows:
        value = feature_value(len(signals.features))
        x = [(index[name], value) for name in signals.features if name in index]
        examples.append((x, signals.lexicon_signal, FORMS.index(row["form"]), row["lang"]))
    return vocabulary, examples


def _softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    return [e / total for e in exps]


def predict(model: dict, x, lexicon) -> list[float]:
    w, b, alpha = model["w"], model["b"], model["alpha"]
    logits = [alpha * lexicon[k] + b[k] for k in range(K)]
    for j, v in x:
        row = w[j]
        for k in range(K):
            logits[k] += row[k] * v
    return _softmax(logits)


def fit(
    examples: list[Example],
    size: int,
    lam: float,
    use_lexicon: bool = True,
    use_words: bool = True,
    steps: int = 300,
    rate: float = 0.05,
) -> dict:
    """Adam on mean log loss + lam/2 |w|^2 (+ a little on the bias); alpha stays >= 0."""
    w = [[0.0] * K for _ in range(size)]
    b = [0.0] * K
    alpha = 1.0 if use_lexicon else 0.0
    params = [w, b]
    m_w = [[0.0] * K for _ in range(size)]
    v_w = [[0.0] * K for _ in range(size)]
    m_b, v_b = [0.0] * K, [0.0] * K
    m_a = v_a = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    n = len(examples)
    for step in range(1, steps + 1):
        g_w: dict[int, list[float]] = {}
        g_b = [0.01 * bk for bk in b]
        g_a = 0.0
        model = {"w": w, "b": b, "alpha": alpha}
        for x, lexicon, y, _ in examples:
            p = predict(model, x, lexicon)
            p[y] -= 1.0
            for k in range(K):
                g_b[k] += p[k] / n
                g_a += p[k] * lexicon[k] / n
            if use_words:
                for j, v in x:
                    grad = g_w.setdefault(j, [0.0] * K)
                    for k in range(K):
                        grad[k] += p[k] * v / n
        correction1 = 1 - beta1**step
        correction2 = 1 - beta2**step
        if use_words:
            for j in range(size):
                grad = g_w.get(j)
                row, mr, vr = w[j], m_w[j], v_w[j]
                for k in range(K):
                    g = lam * row[k] + (grad[k] if grad else 0.0)
                    mr[k] = beta1 * mr[k] + (1 - beta1) * g
                    vr[k] = beta2 * vr[k] + (1 - beta2) * g * g
                    row[k] -= rate * (mr[k] / correction1) / (math.sqrt(vr[k] / correction2) + eps)
        for k in range(K):
            m_b[k] = beta1 * m_b[k] + (1 - beta1) * g_b[k]
            v_b[k] = beta2 * v_b[k] + (1 - beta2) * g_b[k] ** 2
            b[k] -= rate * (m_b[k] / correction1) / (math.sqrt(v_b[k] / correction2) + eps)
        if use_lexicon:
            m_a = beta1 * m_a + (1 - beta1) * g_a
            v_a = beta2 * v_a + (1 - beta2) * g_a**2
            alpha = max(
                0.0, alpha - rate * (m_a / correction1) / (math.sqrt(v_a / correction2) + eps)
            )
    del params
    return {"w": w, "b": b, "alpha": alpha}


def folds(examples: list[Example], count: int, seed: int = 7) -> list[list[int]]:
    """Stratified by language and form, shuffled with a fixed seed."""
    groups: dict[tuple[str, int], list[int]] = {}
    for i, (_, _, y, lang) in enumerate(examples):
        groups.setdefault((lang, y), []).append(i)
    rng = random.Random(seed)
    result: list[list[int]] = [[] for _ in range(count)]
    offset = 0
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        for position, i in enumerate(members):
            result[(position + offset) % count].append(i)
        offset += len(members)
    return result


def cross_validate(examples, size, lam, count, **options) -> dict:
    """Out-of-fold macro-F1, accuracy and mean log loss."""
    triples, loss = [], 0.0
    for held in folds(examples, count):
        held_set = set(held)
        train = [e for i, e in enumerate(examples) if i not in held_set]
        model = fit(train, size, lam, **options)
        for i in held:
            x, lexicon, y, lang = examples[i]
            p = predict(model, x, lexicon)
            loss -= math.log(max(p[y], 1e-12))
            triples.append((FORMS[y], FORMS[max(range(K), key=p.__getitem__)], lang))
    figures = score(triples)
    return {
        "macro_f1": round(figures.macro_f1, 4),
        "accuracy": round(figures.accuracy, 4),
        "log_loss": round(loss / len(examples), 4),
    }


def write_model(path: Path, vocabulary, model, info: dict, threshold: float = 1e-3) -> int:
    weights = {
        name: [round(v, 4) for v in model["w"][j]]
        for j, name in enumerate(vocabulary)
        if max(abs(v) for v in model["w"][j]) >= threshold
    }
    data = {
        "forms": FORMS,
        "bias": [round(v, 4) for v in model["b"]],
        "lexicon_scale": round(model["alpha"], 4),
        "info": info,
        "weights": dict(sorted(weights.items())),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(weights)


def write_compiled_lexicons() -> None:
    """Compile both lexicons into ``data/compiled`` (they load much faster from there)."""
    folder = DATA / "compiled"
    folder.mkdir(exist_ok=True)
    for language in ("nl", "en"):
        path = folder / f"lexicon_{language}.json"
        document = compiled_document(language)
        path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{len(document['cues'])} cues -> {path}")


def show_errors(rows: list[dict]) -> None:
    """Print the dev descriptions the shipped recogniser gets wrong, with their evidence."""
    for row in rows:
        result = recognise(row["text"], row["lang"])
        if result.form != row["form"]:
            scores = {f.value[:5]: round(p, 2) for f, p in result.scores.items()}
            print(f"{row['id']}  true {row['form']}  got {result.form}  {scores}")
            print(f"  {row['text']}")
            for item in result.evidence:
                print(f"    {item.weight:+.2f} {item.label('en')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--lambdas", type=float, nargs="+", default=[0.003, 0.01, 0.03, 0.1])
    parser.add_argument("--errors", action="store_true", help="list dev errors and stop")
    parser.add_argument("--compile", action="store_true", help="only compile the lexicons")
    args = parser.parse_args(argv)
    write_compiled_lexicons()
    if args.compile:
        return 0
    rows = load_dev(args.corpus)
    if not rows:
        print(f"no dev descriptions in {args.corpus}", file=sys.stderr)
        return 2
    if args.errors:
        show_errors(rows)
        return 0
    vocabulary, examples = featurise(rows, args.min_df)
    size = len(vocabulary)
    print(f"{len(examples)} dev descriptions, {size} features (min df {args.min_df})")
    baselines = {
        "lexicon only": cross_validate(examples, size, 0.0, args.folds, use_words=False),
        "words only": cross_validate(examples, size, 0.01, args.folds, use_lexicon=False),
    }
    for name, figures in baselines.items():
        print(f"  {name:>14}: {figures}")
    results = {}
    for lam in args.lambdas:
        results[lam] = cross_validate(examples, size, lam, args.folds)
        print(f"  lexicon+words lambda={lam}: {results[lam]}")
    best = max(results, key=lambda lam: (results[lam]["macro_f1"], -results[lam]["log_loss"]))
    model = fit(examples, size, best)
    info = {
        "trained_on": "corpus dev split",
        "descriptions": len(examples),
        "lambda": best,
        "min_df": args.min_df,
        "cross_validation": {"folds": args.folds, **results[best]},
        "baselines": baselines,
        "lexicon_fingerprint": lexicon_fingerprint(),
    }
    kept = write_model(args.out, vocabulary, model, info)
    print(f"lambda {best}: lexicon_scale {model['alpha']:.3f}, {kept} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
