"""Scorers for the gold formats in ../shared/gold (see its README).

Each scorer reads a gold JSONL file, runs the pipeline on its texts and returns a
report: a flat dict of figures plus per-label rows. Gold text is read at
evaluation time and never stored in the repository.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

from ..model import Article, Event, Result
from ..stages.events.selection import MODEL_PATH
from .scoring import (
    GOLD_TYPE,
    bcubed,
    code_records,
    f1_score,
    label_report,
    match_rates,
    overlaps,
    read_gold,
    shared_pipeline,
)

# Labelled pairs written by the team, added to the training folds of `eval pairs`.
OWN_PAIRS = Path(__file__).resolve().parents[1] / "data" / "dyad_examples.jsonl"
# Fewer labelled pairs than this per fold: no learned model in the cross-validation.
MIN_TRAINING = 50


def score_pairs(path: str | Path, limit: int | None = None, folds: int = 5) -> dict:
    """Event type of a sentence given its (source, target) spans, as ``classify_pair`` decides it.

    Every learned part is scored on sentences it never saw. The hashed-feature dyad model is
    retrained here by k-fold cross-validation. The pair encoder's cross-validation adapters
    (``eventwire/data/folds/pair_adapter_fold*.npz``, source tree only, written by
    ``scripts/train_dyad.py``) each store hashes of their training sentences: a sentence is
    read by an adapter that has not seen it, and by none when every adapter has. The lexicon
    alone and each learned model alone are reported beside the combination.
    """
    from ..pairs.dyad import train
    from ..pairs.encoder import PairEncoder, PairText, fold_paths
    from ..pairs.vote import combine_votes, decide_pair
    from ..pipeline import Pipeline

    pipeline = shared_pipeline(Pipeline)
    records = read_gold(path, limit)
    analyses = _analyse_pairs(pipeline, records)
    gold = [record["type"] for record in records]
    # our own labelled sentences join every training fold, as they join the shipped model
    extra: list = []
    if OWN_PAIRS.exists() and Path(path).resolve() != OWN_PAIRS.resolve():
        own = read_gold(OWN_PAIRS)
        extra = [
            (a.row, r["type"])
            for a, r in zip(_analyse_pairs(pipeline, own), own)
            if a.row is not None
        ]
    encoded = _unseen_encoder_votes(
        records, fold_paths() if pipeline.settings.pair_encoder else [], PairEncoder, PairText
    )
    plv = lambda event: GOLD_TYPE.get(event.type, event.type) if event else None
    lexicon = [(g, plv(analysis.event)) for g, analysis in zip(gold, analyses)]
    combined: list[tuple[str, str | None]] = [("", None)] * len(records)
    learned: list[tuple[str, str | None]] = [("", None)] * len(records)
    for fold in range(folds):
        training = [
            n for n in range(len(records)) if n % folds != fold and analyses[n].row is not None
        ]
        # too few records to learn from (a test file): the lexicon alone
        model = (
            train(
                [analyses[n].row for n in training] + [row for row, _ in extra],
                [gold[n] for n in training] + [label for _, label in extra],
            )
            if len(training) >= MIN_TRAINING
            else None
        )
        for n in range(fold, len(records), folds):
            row = analyses[n].row
            linear = (
                model.probabilities([row])[0] if row is not None and model is not None else None
            )
            encoder_labels, encoder = encoded[n] if encoded[n] is not None else (None, None)
            vote = combine_votes(linear, model.labels if model else None, encoder, encoder_labels)
            combined[n] = (
                gold[n],
                plv(decide_pair(analyses[n], vote, pipeline.code_events.ontology)),
            )
            learned[n] = (
                gold[n],
                model.labels[int(linear.argmax())]
                if linear is not None and model is not None
                else None,
            )
    report = {"task": "pairs", **label_report(combined)}
    report["lexicon_only_accuracy"] = label_report(lexicon)["accuracy"]
    report["learned_only_accuracy"] = label_report(learned)["accuracy"]
    with_encoder = [
        (g, labels[int(p.argmax())])
        for g, vote in zip(gold, encoded)
        if vote is not None
        for labels, p in [vote]
    ]
    report["encoder_only_accuracy"] = (
        label_report(with_encoder)["accuracy"] if with_encoder else None
    )
    report["encoder_read"] = len(with_encoder)
    report["folds"] = folds
    report["own_examples_in_training"] = len(extra)
    return report


def _unseen_encoder_votes(
    records: list[dict], paths: list[Path], encoder_class, pair_class
) -> list:
    """(labels, probabilities) from a cross-validation adapter that never saw each sentence,
    else None."""
    votes: list = [None] * len(records)
    for adapter_path in paths:
        encoder = encoder_class.load(adapter_path)
        todo = [
            n for n, r in enumerate(records) if votes[n] is None and not encoder.has_seen(r["text"])
        ]
        pairs = [
            pair_class(
                records[n]["text"],
                (records[n]["source"]["start"], records[n]["source"]["end"]),
                (records[n]["target"]["start"], records[n]["target"]["end"]),
            )
            for n in todo
        ]
        for n, probabilities in zip(todo, encoder.probabilities(pairs)):
            votes[n] = (encoder.labels, probabilities)
    return votes


def _analyse_pairs(pipeline, records: list[dict]) -> list:
    return [
        pipeline.analyse_pair(
            r["text"],
            (r["source"]["start"], r["source"]["end"]),
            (r["target"]["start"], r["target"]["end"]),
        )
        for r in records
    ]


def _main_event(result: Result) -> Event | None:
    return max(result.events, key=lambda e: (e.confidence, -e.trigger[0]), default=None)


def penta_class(event: Event | None) -> int:
    """The five-way class: 0 neutral (no event, or CAMEO 01-02 statements and appeals), else
    QuadClass."""
    if event is None or event.cameo[:2] in ("01", "02"):
        return 0
    return event.quad_class


def score_penta(path: str | Path, limit: int | None = None) -> dict:
    """Five-way class of a sentence's main event."""
    pairs = []
    for record, result in code_records(read_gold(path, limit)):
        pairs.append((str(record["penta"]), str(penta_class(_main_event(result)))))
    return {"task": "penta", **label_report(pairs)}


def score_events(path: str | Path, limit: int | None = None) -> dict:
    """Document-level PLOVER type (and mode): the type with the most support in the document,
    each event weighted by its confidence and by how early its sentence comes (news leads with
    its main event)."""
    type_pairs, mode_pairs = [], []
    for record, result in code_records(read_gold(path, limit)):
        weights: dict[str, float] = defaultdict(float)
        modes: dict[tuple[str, str], float] = defaultdict(float)
        sentences = sorted({event.sentence[0] for event in result.events})
        for event in result.events:
            weight = event.confidence / (1 + sentences.index(event.sentence[0]))
            weights[event.type] += weight
            if event.mode:
                modes[(event.type, event.mode)] += weight
        # the first of equal weights wins, as Counter.most_common(1) has it
        predicted = max(weights, key=weights.__getitem__) if weights else None
        type_pairs.append((record["type"], predicted))
        mode, _ = max(
            ((m, weight) for (t, m), weight in modes.items() if t == predicted),
            key=lambda item: item[1],
            default=(None, 0.0),
        )
        if record.get("mode"):
            mode_pairs.append(
                (f"{record['type']}/{record['mode']}", f"{predicted}/{mode}" if predicted else None)
            )
    report = {"task": "events", **label_report(type_pairs)}
    report["mode_accuracy"] = round(sum(g == p for g, p in mode_pairs) / max(1, len(mode_pairs)), 4)
    return report


def score_actors(path: str | Path, limit: int | None = None) -> dict:
    """Source and target spans of the events in a sentence, matched by overlap.

    The slot selector is trained on these sentences: with its model shipped, each sentence is
    coded by a model trained on the other folds (``arguments.cross_validated_results``)."""
    totals = {"source": [0, 0, 0], "target": [0, 0, 0]}  # true positives, predicted, gold
    records = read_gold(path, limit)
    if MODEL_PATH.exists():
        from .arguments import cross_validated_results

        coded = list(zip(records, cross_validated_results(records)[0]))
    else:
        coded = list(code_records(records))
    for record, result in coded:
        for role, key in (("source", "sources"), ("target", "targets")):
            gold = [(s["start"], s["end"]) for s in record[key]]
            predicted = {
                (m.start, m.end) for e in result.events for m in [getattr(e, role)] if m is not None
            }
            totals[role][0] += sum(1 for p in predicted if any(overlaps(p, g) for g in gold))
            totals[role][1] += len(predicted)
            totals[role][2] += len(gold)
    report: dict = {"task": "actors", "records": len(read_gold(path, limit))}
    for role, (true_positives, predicted_count, gold_count) in totals.items():
        precision = true_positives / max(1, predicted_count)
        recall = min(1.0, true_positives / max(1, gold_count))
        report[f"{role}_precision"], report[f"{role}_recall"] = (
            round(precision, 4),
            round(recall, 4),
        )
        report[f"{role}_f1"] = round(f1_score(precision, recall), 4)
    return report


def score_timex(path: str | Path, limit: int | None = None) -> dict:
    """Time expressions: span overlap and exact TIMEX3 value, anchored on the document date."""
    counts: Counter[str] = Counter()
    for record, result in code_records(read_gold(path, limit), date_key="dct"):
        gold = list(record["timexes"])
        used = [False] * len(gold)
        counts["gold"] += len(gold)
        counts["predicted"] += len(result.times)
        for expression in result.times:
            for index, item in enumerate(gold):
                if not used[index] and overlaps(
                    (expression.start, expression.end), (item["start"], item["end"])
                ):
                    used[index] = True
                    counts["matched"] += 1
                    counts["strict"] += (expression.start, expression.end) == (
                        item["start"],
                        item["end"],
                    )
                    counts["value"] += expression.value == item["value"]
                    counts["type"] += expression.type == item["type"]
                    break
    precision, recall = match_rates(counts, "value")
    span_p, span_r = match_rates(counts, "matched")
    strict_p, strict_r = match_rates(counts, "strict")
    return {
        "task": "timex",
        "records": len(read_gold(path, limit)),
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "span_f1": round(f1_score(span_p, span_r), 4),
        "strict_span_f1": round(f1_score(strict_p, strict_r), 4),
        "value_accuracy_when_matched": round(counts["value"] / max(1, counts["matched"]), 4),
        "value_precision": round(precision, 4),
        "value_recall": round(recall, 4),
        "value_f1": round(f1_score(precision, recall), 4),
        "type_accuracy": round(counts["type"] / max(1, counts["matched"]), 4),
    }


def score_dates(path: str | Path, limit: int | None = None, fold: int | None = None) -> dict:
    """Article date inference: hide each gold document's creation date and infer it back.
    ``fold`` (0, 1 or 2): every third document only, from that one (0 is the one rules were
    chosen on)."""
    from ..pipeline import Pipeline

    pipeline = shared_pipeline(Pipeline)
    records = read_gold(path, limit)
    if fold is not None:
        records = [record for n, record in enumerate(records) if n % 3 == fold]
    articles = [
        Article(id=f"gold-{n}", text=r["text"], date=None, origin=r.get("id"))
        for n, r in enumerate(records)
    ]
    counts: Counter = Counter()
    widths = []
    for record, item in zip(records, pipeline.run(articles)):
        truth = dt.date.fromisoformat(record["dct"])
        counts["documents"] += 1
        estimate = item.date_estimate if isinstance(item, Result) else None
        if estimate is None or estimate.earliest is None or estimate.latest is None:
            continue
        counts["with_window"] += 1
        widths.append((estimate.latest - estimate.earliest).days + 1)
        counts["window_contains"] += estimate.earliest <= truth <= estimate.latest
        if widths[-1] <= 366:
            counts["narrow"] += 1
            counts["narrow_contains"] += estimate.earliest <= truth <= estimate.latest
        if isinstance(item, Result) and item.article.date is not None:
            counts["dated"] += 1
            gap = abs((item.article.date - truth).days)
            counts["exact"] += gap == 0
            counts["within_3_days"] += gap <= 3
            counts["within_31_days"] += gap <= 31
    n, dated = max(1, counts["documents"]), max(1, counts["dated"])
    widths.sort()
    return {
        "task": "dates",
        **({} if fold is None else {"fold": fold}),
        "documents": counts["documents"],
        "window_given": round(counts["with_window"] / n, 4),
        "window_contains_truth": round(
            counts["window_contains"] / max(1, counts["with_window"]), 4
        ),
        "median_window_days": widths[len(widths) // 2] if widths else None,
        "window_within_a_year": round(counts["narrow"] / n, 4),
        "narrow_window_contains_truth": round(
            counts["narrow_contains"] / max(1, counts["narrow"]), 4
        ),
        "dated": round(counts["dated"] / n, 4),
        "exact_when_dated": round(counts["exact"] / dated, 4),
        "within_3_days_when_dated": round(counts["within_3_days"] / dated, 4),
        "within_31_days_when_dated": round(counts["within_31_days"] / dated, 4),
    }


def _covers_half(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The overlap of two spans covers at least half of each."""
    common = min(a[1], b[1]) - max(a[0], b[0])
    return common > 0 and common >= 0.5 * (a[1] - a[0]) and common >= 0.5 * (b[1] - b[0])


def score_quotes(path: str | Path, limit: int | None = None) -> dict:
    """Attributions: content spans (exact, and overlap covering half of both), and sources of
    matched content.

    Each predicted quote takes the first unused gold attribution its content matches. A
    source is right when it overlaps the gold source (or both have none).
    """
    counts: Counter[str] = Counter()
    for record, result in code_records(read_gold(path, limit), date_key="date"):
        gold = list(record["attributions"])
        counts["gold"] += len(gold)
        counts["predicted"] += len(result.quotes)
        exact_used = [False] * len(gold)
        used = [False] * len(gold)
        for quote in result.quotes:
            for index, item in enumerate(gold):
                span = (item["content"]["start"], item["content"]["end"])
                if not exact_used[index] and quote.content == span:
                    exact_used[index] = True
                    counts["exact"] += 1
                    break
            for index, item in enumerate(gold):
                span = (item["content"]["start"], item["content"]["end"])
                if used[index] or not _covers_half(quote.content, span):
                    continue
                used[index] = True
                counts["matched"] += 1
                source = item.get("source")
                gold_source = (source["start"], source["end"]) if source else None
                counts["source_gold"] += gold_source is not None
                counts["source_predicted"] += quote.source is not None
                if gold_source is None or quote.source is None:
                    counts["source_right"] += gold_source is None and quote.source is None
                else:
                    counts["source_right"] += overlaps(quote.source, gold_source)
                    counts["source_both"] += 1
                break
    p_exact, r_exact = match_rates(counts, "exact")
    precision, recall = match_rates(counts, "matched")
    return {
        "task": "quotes",
        "records": len(read_gold(path, limit)),
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "content_exact_f1": round(f1_score(p_exact, r_exact), 4),
        "content_precision": round(precision, 4),
        "content_recall": round(recall, 4),
        "content_f1": round(f1_score(precision, recall), 4),
        "source_accuracy": round(counts["source_right"] / max(1, counts["matched"]), 4),
        "matched": counts["matched"],
    }


def adjusted_rand(gold: list[str], predicted: list[str]) -> float:
    """The adjusted Rand index: agreement on pairs of items, 0 for chance and 1 for identical
    clusterings."""
    pairs = lambda n: n * (n - 1) / 2
    both = sum(pairs(n) for n in Counter(zip(gold, predicted)).values())
    in_gold = sum(pairs(n) for n in Counter(gold).values())
    in_predicted = sum(pairs(n) for n in Counter(predicted).values())
    expected = in_gold * in_predicted / pairs(len(gold)) if len(gold) > 1 else 0.0
    ceiling = (in_gold + in_predicted) / 2
    return 1.0 if ceiling == expected else (both - expected) / (ceiling - expected)


def score_stories(path: str | Path, limit: int | None = None) -> dict:
    """Story clustering: run the pipeline on the gold articles (dates inferred when not given),
    cluster them in file order with ``stories.StoryClusterer``, refine the batch, and compare with
    the gold ``story`` labels; ``stream_bcubed_f1`` is the score of the single pass a stream
    gets."""
    import time

    from ..pipeline import Pipeline
    from ..stories import StoryClusterer

    pipeline = shared_pipeline(Pipeline)
    records = read_gold(path, limit)
    begin = time.perf_counter()
    articles = [
        Article(
            id=f"gold-{n}",
            text=r["text"],
            title=r.get("title"),
            source=r.get("outlet"),
            date=dt.date.fromisoformat(r["date"]) if r.get("date") else None,
            origin=r.get("id"),
        )
        for n, r in enumerate(records)
    ]
    # an article the pipeline failed on is still clustered, on its words alone
    results = [
        item if isinstance(item, Result) else article
        for article, item in zip(articles, pipeline.run(articles))
    ]
    start = time.perf_counter()
    clusterer = StoryClusterer()
    streamed = clusterer.add_all(results)
    clusterer.refine()
    predicted = [clusterer.assignments[article.id] for article in articles]
    end = time.perf_counter()
    gold = [record["story"] for record in records]
    precision, recall, f1 = bcubed(gold, predicted)
    return {
        "task": "stories",
        "records": len(records),
        "gold_stories": len(set(gold)),
        "predicted_stories": len(clusterer.clusters),
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
        "adjusted_rand": round(adjusted_rand(gold, predicted), 4),
        "stream_bcubed_f1": round(bcubed(gold, streamed)[2], 4),
        "seconds": round(end - begin, 1),
        "cluster_seconds": round(end - start, 3),
    }
