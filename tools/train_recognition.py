"""Retrain the recogniser's linear model on the corpus's dev split (never the test split).

    .venv/bin/python tools/train_recognition.py            # cross-validate, fit, write the model
    .venv/bin/python tools/train_recognition.py --errors   # list dev descriptions the shipped
                                                           # recogniser gets wrong, with evidence

The model is a multinomial logistic regression over the features of
``grondvorm.recognition.model.features`` with the lexicon's four scores as an offset scaled by
``lexicon_scale``. It is fitted in pure Python (Adam on the L2-regularised log loss). The lexicon
scale and the regularisation strength are chosen together on the dev split alone, by the mean of
two macro-F1 figures: stratified cross-validation, and "cross-style" validation (fit on the plain
descriptions, score the ones written like news items, council papers, annual reports and so on,
and the other way round), which rewards what carries over to text written differently. (A scale
learned by maximum likelihood lets the lexicon drown out the words: it fits the dev split's
probabilities best but ranks worse, on both figures.) Finally one factor on all logits is chosen
to minimise the out-of-fold log loss (temperature scaling), so that the probabilities are
calibrated; it changes no ranking. Features
seen in fewer than ``--min-df`` dev descriptions are dropped, so names and one-off words never
enter the model. The result goes to ``src/grondvorm/recognition/data/model.json``, with the
cross-validated figures and a fingerprint of the lexicon it was trained with.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition import recognise
from grondvorm.recognition.evaluation import score
from grondvorm.recognition.lexicon import compiled_document, load_lexicon
from grondvorm.recognition.model import feature_value
from grondvorm.recognition.resources import language_words, lexicon_fingerprint
from grondvorm.recognition.signals import read
from grondvorm.recognition.text import Words
from grondvorm.recognition.vocabulary import vocabulary_document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "grondvorm" / "recognition" / "data"
MODEL_PATH = DATA / "model.json"
FORMS = [form.value for form in FORM_IDS]
K = len(FORMS)

Example = tuple[list[tuple[int, float]], tuple[float, ...], int, str]  # x, lexicon, form, lang


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


def logits(model: dict, x, lexicon) -> list[float]:
    w, b, alpha = model["w"], model["b"], model["alpha"]
    values = [alpha * lexicon[k] + b[k] for k in range(K)]
    for j, v in x:
        row = w[j]
        for k in range(K):
            values[k] += row[k] * v
    return values


def predict(model: dict, x, lexicon) -> list[float]:
    return _softmax(logits(model, x, lexicon))


def fit(
    examples: list[Example],
    size: int,
    lam: float,
    use_lexicon: bool = True,
    use_words: bool = True,
    steps: int = 300,
    rate: float = 0.05,
    scale: float | None = None,
) -> dict:
    """Adam on mean log loss + lam/2 |w|^2 (+ a little on the bias); alpha stays >= 0.
    With ``scale`` the lexicon's scale is fixed at that value instead of learned."""
    w = [[0.0] * K for _ in range(size)]
    b = [0.0] * K
    alpha = (1.0 if scale is None else scale) if use_lexicon else 0.0
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
        if use_lexicon and scale is None:
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


def macro_f1(model: dict, examples: list[Example]) -> float:
    """The macro-F1 of ``model`` on ``examples``."""
    triples = []
    for x, lexicon, y, lang in examples:
        p = predict(model, x, lexicon)
        triples.append((FORMS[y], FORMS[max(range(K), key=p.__getitem__)], lang))
    return score(triples).macro_f1


def cross_style(examples: list[Example], plain: list[bool], size: int, lam: float, **options):
    """Fit on the plain descriptions and score the source-style ones, and the other way round:
    the mean macro-F1."""
    one = [e for e, is_plain in zip(examples, plain, strict=True) if is_plain]
    other = [e for e, is_plain in zip(examples, plain, strict=True) if not is_plain]
    there = macro_f1(fit(one, size, lam, **options), other)
    back = macro_f1(fit(other, size, lam, **options), one)
    return round((there + back) / 2, 4)


def out_of_fold(examples, size, lam, count, **options) -> list[tuple[list[float], int, str]]:
    """For every example, the logits of a model fitted without its fold; with its form and
    language."""
    found: list = [None] * len(examples)
    for held in folds(examples, count):
        held_set = set(held)
        train = [e for i, e in enumerate(examples) if i not in held_set]
        model = fit(train, size, lam, **options)
        for i in held:
            x, lexicon, y, lang = examples[i]
            found[i] = (logits(model, x, lexicon), y, lang)
    return found


def log_loss(predictions: list[tuple[list[float], int, str]], factor: float = 1.0) -> float:
    """The mean log loss of the softmax of ``factor`` times the logits."""
    loss = 0.0
    for values, y, _ in predictions:
        p = _softmax([factor * v for v in values])
        loss -= math.log(max(p[y], 1e-12))
    return loss / len(predictions)


def calibration_factor(predictions: list[tuple[list[float], int, str]]) -> float:
    """The factor on all logits that minimises the out-of-fold log loss (temperature scaling:
    it leaves every ranking as it is and makes the probabilities mean what they say)."""
    candidates = [0.25 * 1.03**i for i in range(160)]  # 0.25 ... about 27
    return min(candidates, key=lambda factor: log_loss(predictions, factor))


def summary(predictions: list[tuple[list[float], int, str]]) -> dict:
    """Macro-F1, accuracy and mean log loss of out-of-fold predictions."""
    triples = [
        (FORMS[y], FORMS[max(range(K), key=values.__getitem__)], lang)
        for values, y, lang in predictions
    ]
    figures = score(triples)
    return {
        "macro_f1": round(figures.macro_f1, 4),
        "accuracy": round(figures.accuracy, 4),
        "log_loss": round(log_loss(predictions), 4),
    }


def cross_validate(examples, size, lam, count, **options) -> dict:
    """Out-of-fold macro-F1, accuracy and mean log loss."""
    return summary(out_of_fold(examples, size, lam, count, **options))


_GRID: dict = {}  # the examples, shared with the worker processes (fork)


def _evaluate(setting: tuple[float, float]) -> tuple[tuple[float, float], dict]:
    scale, lam = setting
    examples, plain, size, count = (_GRID[k] for k in ("examples", "plain", "size", "folds"))
    predictions = out_of_fold(examples, size, lam, count, scale=scale)
    figures = summary(predictions)
    figures["cross_style_macro_f1"] = cross_style(examples, plain, size, lam, scale=scale)
    figures["selection"] = round((figures["macro_f1"] + figures["cross_style_macro_f1"]) / 2, 4)
    return setting, {"figures": figures, "predictions": predictions}


def evaluate_grid(examples, plain, size, folds, settings) -> dict[tuple[float, float], dict]:
    """For every (scale, lambda): cross-validated and cross-style figures, and the out-of-fold
    predictions; computed in parallel."""
    _GRID.update(examples=examples, plain=plain, size=size, folds=folds)
    context = multiprocessing.get_context("fork")
    with context.Pool(min(len(settings), os.cpu_count() or 1)) as pool:
        return dict(pool.imap_unordered(_evaluate, settings))


def calibrated(model: dict, factor: float) -> dict:
    """``model`` with every weight, bias and the lexicon scale multiplied by ``factor``."""
    return {
        "w": [[factor * v for v in row] for row in model["w"]],
        "b": [factor * v for v in model["b"]],
        "alpha": factor * model["alpha"],
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


def vocabulary_words(language: str, corpus: Path) -> set[str]:
    """The words (in lower case) whose vocabulary entries ship: every word of the corpus in
    ``language`` (all splits: the entries change no result, only the speed of a first
    reading), of its lexicon's phrases and of its function words. Never the fresh sets."""
    words: set[str] = set()
    for line in (corpus / f"{language}.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.update(Words(json.loads(line)["text"]).lower)
    for cue in load_lexicon(language).cues:
        words.update(Words(re.sub(r"[|~/=*]", " ", cue.phrase)).lower)
    function_words = language_words()[language]
    for group in (function_words.stopwords, function_words.fillers, function_words.negators):
        for word in group:
            words.update(Words(word).lower)
    return words


def write_compiled_vocabularies(corpus: Path) -> None:
    """Work out the shipped words of both languages into ``data/compiled``."""
    for language in ("nl", "en"):
        path = DATA / "compiled" / f"vocabulary_{language}.json"
        document = vocabulary_document(language, vocabulary_words(language, corpus))
        path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{len(document['stems'])} words -> {path}")


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
    parser.add_argument("--lambdas", type=float, nargs="+", default=[0.0003, 0.001, 0.003])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument("--errors", action="store_true", help="list dev errors and stop")
    parser.add_argument(
        "--compile", action="store_true", help="only compile the lexicons and vocabularies"
    )
    args = parser.parse_args(argv)
    write_compiled_lexicons()
    write_compiled_vocabularies(args.corpus)
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
    plain = [row.get("style", "plain") == "plain" for row in rows]
    settings = [(scale, lam) for scale in args.scales for lam in args.lambdas]
    evaluated = evaluate_grid(examples, plain, size, args.folds, settings)
    results = {setting: evaluated[setting]["figures"] for setting in settings}
    for setting in settings:
        print(f"  lexicon+words scale={setting[0]} lambda={setting[1]}: {results[setting]}")
    best = max(settings, key=lambda s: (results[s]["selection"], -results[s]["log_loss"]))
    scale, lam = best
    predictions = evaluated[best]["predictions"]
    factor = calibration_factor(predictions)
    calibrated_loss = round(log_loss(predictions, factor), 4)
    print(f"calibration: logits x {factor:.3f}, out-of-fold log loss {calibrated_loss}")
    model = calibrated(fit(examples, size, lam, scale=scale), factor)
    info = {
        "trained_on": "corpus dev split",
        "descriptions": len(examples),
        "lambda": lam,
        "lexicon_scale_chosen_from": args.scales,
        "min_df": args.min_df,
        "lexicon_scale_before_calibration": scale,
        "calibration_factor": round(factor, 4),
        "cross_validation": {
            "folds": args.folds,
            **results[best],
            "log_loss_calibrated": calibrated_loss,
        },
        "baselines": baselines,
        "lexicon_fingerprint": lexicon_fingerprint(),
    }
    kept = write_model(args.out, vocabulary, model, info)
    print(f"lambda {lam}, lexicon_scale {scale} x {factor:.3f}: {kept} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
