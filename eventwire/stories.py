"""Stories: incremental clustering of articles about the same happening.

In: pipeline ``Result``s (or bare ``Article``s), one at a time or as a batch.
Out: a story id per article, and ``Story`` records (title, articles, actors, places, date span).

The rule. An article becomes a sparse bag of terms: content words (lower case, stop words
dropped, plural endings cut), four-digit years, and the canonical names of its resolved actors
and places, added on top of their words at ``ENTITY_BOOST`` times a word's weight (so "Lohan",
"her" and "the actress" resolved to one person add to that person's term).
Terms are weighted by TF-IDF, with document frequencies accumulated from every article seen
so far, so the weights sharpen as the stream goes on. A story keeps the mean of its
articles' term vectors (its centroid); IDF is applied when comparing, so old stories benefit
from what was learned since. There is no all-pairs comparison: each article's ``TOP_TERMS``
heaviest terms are keys in an inverted index from term to the stories whose articles had that
key, and an article is compared only with the stories it shares keys with, most recently
active first, at most ``MAX_POSTINGS`` per key, and none whose dates lie more than
``WINDOW_DAYS`` from the article's. Similarity is the TF-IDF cosine with the centroid, mixed
with the overlap of actor country codes when both sides have some, and lowered by a gap between
given dates beyond ``SAME_DAYS`` (inferred dates are too often weeks off to keep articles
apart). The article joins the most similar story when that reaches ``THRESHOLD``, else it
opens a new one. Adding articles one by one and clustering a batch are
the same computation.

A batch can then be refined (``StoryClusterer.refine``), which a stream cannot afford because it
moves articles already placed: each article is offered again to the stories it shares keys with and
moves when one fits it better than its own story without it (``REFINE_THRESHOLD``); then each story
of ``SPLIT_MIN_STORY`` or more articles is cut in two by spherical 2-means and the cut is kept when
at least ``SPLIT_MIN_TERMS`` terms (names, years, places, as it turns out) are significantly more
frequent on one side (a one-sided hypergeometric test at ``SPLIT_LEVEL``); then articles are offered
again. Two similar happenings (two fires in one town, two emergency patches by one company years
apart) told with the same words but different names end up apart.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Article, Result, Story

# The best B-cubed F1 of a sweep from 0.20 to 0.32 on the ECB+ stories gold set (982 articles, 86
# stories), with ENTITY_BOOST and COUNTRY_WEIGHT chosen in the same sweep; see
# ``evaluate.score_stories``.
THRESHOLD = 0.28
TOP_TERMS = 12  # blocking keys per article
MAX_POSTINGS = 200  # stories read per key, most recently active first
MAX_CANDIDATES = 50  # stories scored per article, those sharing the most keys first
STALE_POSTINGS = (
    8  # stories in a row ended before the window, after which a posting is read no further
)
MAX_CENTROID_TERMS = 600  # a story keeps its heaviest terms only, so memory stays bounded
NORM_REFRESH = 1.1  # recompute a story's TF-IDF norm when the stream has grown by this factor
ENTITY_BOOST = 0.5  # an actor or place name counts this many times a word's count
COUNTRY_WEIGHT = 0.1  # share of the similarity given to overlapping actor countries
WINDOW_DAYS = 30  # stories this far apart in time are never compared
# the refinement of a batch: chosen on ECB+ by a two-fold check over its topics (odd/even), both
# folds picking the same threshold; see ``evaluate.score_stories``
REFINE_THRESHOLD = (
    0.22  # an article moves to a story it fits at least this well, and better than its own
)
REFINE_ROUNDS = 2  # passes of offering every article again
SPLIT_MIN_STORY = 8  # smaller stories are never cut
SPLIT_MIN_PART = 3  # ... nor into a part smaller than this
SPLIT_MIN_TERMS = 5  # terms that must tell the two parts apart
SPLIT_LEVEL = math.log(1e-3)  # the log p-value under which a term tells them apart
SAME_DAYS = 3  # a date gap up to this costs nothing; beyond it similarity decays
DECAY_DAYS = 14.0  # ... by a factor e for every DECAY_DAYS more

TOKEN = re.compile(r"[^\W\d_][\w'\-]*[^\W_]|\b(?:1[89]|20)\d\d\b")


def _stop_words() -> frozenset[str]:
    """spaCy's English stop words and the words of news reporting itself
    (``data/news_words.yaml``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .lexicons import load_news_words

    return frozenset(STOP_WORDS) | load_news_words()


STOP_WORDS = _stop_words()


def _stem(word: str) -> str:
    """Cut the endings that only mark number or possession: "talks" and "talk" are one term."""
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The content-word terms of a text, in order."""
    terms = []
    for match in TOKEN.finditer(text):
        word = match.group().lower().replace("\u2019", "'")
        if len(word) > 2 and word not in STOP_WORDS:
            stem = _stem(word)
            if stem not in STOP_WORDS:
                terms.append(stem)
    return terms


@dataclass(frozen=True, slots=True)
class Profile:
    """What the clusterer reads of one article: weighted terms, actor countries, places and date."""

    article_id: str
    title: str
    terms: dict[str, float]  # raw term weights (1 + log tf), entity terms boosted
    countries: frozenset[str]
    country_counts: tuple[tuple[str, int], ...]
    place_counts: tuple[tuple[str, int], ...]
    date: dt.date | None  # given dates only: see ``profile``


def profile(item: Result | Article) -> Profile:
    """Read the terms, countries, places and date of a pipeline result (or of a bare article)."""
    article = item.article if isinstance(item, Result) else item
    mentions = item.mentions if isinstance(item, Result) else ()
    places = item.places if isinstance(item, Result) else ()
    counts: Counter[str] = Counter(words(article.text))
    if article.title and article.title not in article.text:
        counts.update(words(article.title))
    entities: Counter[str] = Counter()
    for mention in mentions:
        entities["actor:" + mention.actor.name.lower()] += 1
    for place in places:
        entities["place:" + place.name.lower()] += 1
    terms = {term: 1.0 + math.log(count) for term, count in counts.items()}
    for term, count in entities.items():
        terms[term] = ENTITY_BOOST * (1.0 + math.log(count))
    country_counts = Counter(m.actor.country for m in mentions if m.actor.country)
    place_counts = Counter(place.name for place in places)
    # A date the pipeline inferred (from the years or office holders the text names) is often weeks
    # off, and a wrong date would keep an article out of its story's window: only given dates count.
    date = (
        None
        if isinstance(item, Result) and item.date_source in ("inferred", "story")
        else article.date
    )
    return Profile(
        article.id,
        _title(article),
        terms,
        frozenset(country_counts),
        tuple(country_counts.most_common()),
        tuple(place_counts.most_common()),
        date,
    )


def _title(article: Article) -> str:
    """The given title, else the first line of the text, cut to 120 characters."""
    if article.title:
        return article.title.strip()[:120]
    lines = [line.strip() for line in article.text.splitlines() if line.strip()]
    return lines[0][:120] if lines else article.id


@dataclass(slots=True)
class _Cluster:
    """A story while it grows: the centroid (sum of member vectors, each of unit length) and
    tallies."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    norm: float = 0.0  # |centroid * idf| as of norm_documents articles seen (-1: stale)
    norm_documents: int = -1
    keys: set[str] = field(default_factory=set)  # the index keys it is filed under
    last_joined: int = 0  # the stream position of its latest article

    def story(self) -> Story:
        return Story(
            self.id,
            self.title,
            tuple(self.article_ids),
            tuple(code for code, _ in self.countries.most_common()),
            tuple(name for name, _ in self.places.most_common()),
            self.first_date,
            self.last_date,
        )


class StoryClusterer:
    """Groups a stream of articles into stories; ``add`` returns the story id of each article."""

    def __init__(self, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS):
        self.threshold = threshold
        self.window_days = window_days
        self.documents = 0
        self.document_frequency: Counter[str] = Counter()
        self.clusters: dict[str, _Cluster] = {}
        # key term -> story ids, ordered from least to most recently joined under that key
        self.index: dict[str, dict[str, None]] = {}
        self.assignments: dict[str, str] = {}
        self.profiles: dict[str, Profile] = {}  # the live articles' profiles, for ``refine``

    def __setstate__(self, state: dict) -> None:
        # a clusterer saved in a store before it kept profiles
        self.__dict__.update(state)
        self.__dict__.setdefault("profiles", {})

    def add(self, item: Result | Article, keep: bool = True) -> str:
        """Place one article: join the most similar story at or above the threshold, else open
        one. ``keep`` holds on to its profile so that ``refine`` can move it; a stream that is
        never refined passes False and saves the memory."""
        article = profile(item)
        self.documents += 1
        self.document_frequency.update(article.terms.keys())
        keys, query = self._query(article)
        best, best_score = None, self.threshold
        for cluster in self._candidates(keys, article):
            score = self._similarity(article, query, cluster)
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            best = self._open(article)
        self._join(best, article, keys)
        self.assignments[article.article_id] = best.id
        if keep:
            self.profiles[article.article_id] = article
        return best.id

    def _query(self, article: Profile) -> tuple[list[str], dict[str, float]]:
        """An article's blocking keys (its heaviest TF-IDF terms) and its query vector: the unit
        TF-IDF vector times IDF once more, whose dot product with a raw centroid is the cosine's
        numerator."""
        unit = self._unit_tfidf(article)
        keys = sorted(unit, key=lambda term: (-unit[term], term))[:TOP_TERMS]
        return keys, {term: weight * self._idf(term) for term, weight in unit.items()}

    def _open(self, article: Profile, story_id: str | None = None) -> _Cluster:
        """A new story, named after its first article unless told otherwise."""
        story_id = story_id or f"story-{article.article_id}"
        while story_id in self.clusters:
            story_id += "+"
        cluster = self.clusters[story_id] = _Cluster(story_id, article.title)
        return cluster

    def add_all(self, items: Iterable[Result | Article]) -> list[str]:
        """Place every article in turn: a batch is a stream that happens to be known in advance."""
        return [self.add(item) for item in items]

    def stories(self, ids: set[str] | None = None) -> list[Story]:
        """Every story so far (or those of ``ids``), in the order they were opened."""
        return [
            cluster.story()
            for cluster in self.clusters.values()
            if ids is None or cluster.id in ids
        ]

    def _idf(self, term: str) -> float:
        return math.log((1 + self.documents) / (1 + self.document_frequency[term])) + 1.0

    def _candidates(self, keys: list[str], article: Profile) -> list[_Cluster]:
        """Stories sharing a key with the article and within the time window, most shared keys
        first."""
        shared: Counter[str] = Counter()
        for key in keys:
            posting = self.index.get(key)
            if not posting:
                continue
            stale = 0
            for read, story_id in enumerate(reversed(posting)):
                if read >= MAX_POSTINGS:
                    break
                last = self.clusters[story_id].last_date
                if (
                    article.date is not None
                    and last is not None
                    and (article.date - last).days > self.window_days
                ):
                    # a posting runs from the story joined latest back; in a stream in date order, a
                    # few stories in a row that ended before the window mean the rest ended earlier
                    # still
                    stale += 1
                    if stale >= STALE_POSTINGS:
                        break
                    continue
                stale = 0
                shared[story_id] += 1
        found = []
        for story_id, _ in shared.most_common():
            cluster = self.clusters[story_id]
            if self._date_gap(article, cluster) <= self.window_days:
                found.append(cluster)
                if len(found) >= MAX_CANDIDATES:
                    break
        return found

    @staticmethod
    def _date_gap(article: Profile, cluster: _Cluster) -> int:
        """Days between an article's date and a story's date span; 0 when either is unknown or
        the date lies inside."""
        return _gap(article.date, cluster.first_date, cluster.last_date)

    def _norm(self, cluster: _Cluster) -> float:
        """|centroid * idf|. IDF drifts slowly: a story's norm is refreshed when it changes or
        the stream has grown by a tenth."""
        if cluster.norm_documents < 0 or self.documents > NORM_REFRESH * cluster.norm_documents:
            cluster.norm = math.sqrt(
                sum((value * self._idf(term)) ** 2 for term, value in cluster.centroid.items())
            )
            cluster.norm_documents = self.documents
        return cluster.norm

    def _similarity(self, article: Profile, query: dict[str, float], cluster: _Cluster) -> float:
        """TF-IDF cosine with the centroid, mixed with country overlap, lowered by the date gap."""
        centroid = cluster.centroid
        dot = sum(weight * centroid[term] for term, weight in query.items() if term in centroid)
        norm = self._norm(cluster)
        return _score(
            article,
            dot / norm if norm else 0.0,
            cluster.countries.keys(),
            self._date_gap(article, cluster),
        )

    def _similarity_without(
        self, article: Profile, query: dict[str, float], cluster: _Cluster
    ) -> float:
        """``_similarity`` with the story the article belongs to, as if the article were not in
        it; worked out from the story's sums, which stay as they are (the query holds the
        article's terms only)."""
        centroid = cluster.centroid
        dot = square = 0.0
        for term, own in _raw_unit(article).items():
            weight = self._idf(term) ** 2
            dot += query.get(term, 0.0) * (centroid.get(term, 0.0) - own)
            square += weight * own * (own - 2 * centroid.get(term, 0.0))
        norm = math.sqrt(max(0.0, self._norm(cluster) ** 2 + square))
        countries = cluster.countries - Counter(dict(article.country_counts))
        first, last = cluster.first_date, cluster.last_date
        if article.date is not None and article.date in (first, last):
            first, last = self._dates(cluster, skip=article.article_id) or (first, last)
        return _score(
            article,
            dot / norm if norm > 1e-9 else 0.0,
            countries.keys(),
            _gap(article.date, first, last),
        )

    def _join(self, cluster: _Cluster, article: Profile, keys: list[str]) -> None:
        """Add the article's unit-length raw vector to the centroid and file the story under its
        keys."""
        for term, value in _raw_unit(article).items():
            cluster.centroid[term] = cluster.centroid.get(term, 0.0) + value
        if len(cluster.centroid) > 2 * MAX_CENTROID_TERMS:
            heaviest = sorted(cluster.centroid, key=lambda t: -cluster.centroid[t] * self._idf(t))
            cluster.centroid = {
                term: cluster.centroid[term] for term in heaviest[:MAX_CENTROID_TERMS]
            }
        cluster.norm_documents = -1
        cluster.article_ids.append(article.article_id)
        cluster.countries.update(dict(article.country_counts))
        cluster.places.update(dict(article.place_counts))
        if article.date is not None:
            cluster.first_date = min(article.date, cluster.first_date or article.date)
            cluster.last_date = max(article.date, cluster.last_date or article.date)
        for key in keys:
            posting = self.index.setdefault(key, {})
            posting.pop(cluster.id, None)
            posting[cluster.id] = None
        cluster.keys.update(keys)
        cluster.last_joined = self.documents

    def prune(self, idle_articles: int) -> list[str]:
        """Forget the stories no article joined in the last ``idle_articles`` of the stream, so a
        long-running feed holds bounded memory; returns their ids. A forgotten story's articles
        keep their story id; a later article on the same happening opens a new story."""
        gone = [c for c in self.clusters.values() if self.documents - c.last_joined > idle_articles]
        for cluster in gone:
            self._drop(cluster)
            for article_id in cluster.article_ids:
                self.assignments.pop(article_id, None)
                self.profiles.pop(article_id, None)
        return [cluster.id for cluster in gone]

    def _drop(self, cluster: _Cluster) -> None:
        """Take a story out of the clusters and the index."""
        del self.clusters[cluster.id]
        for key in cluster.keys:
            posting = self.index.get(key)
            if posting is not None:
                posting.pop(cluster.id, None)
                if not posting:
                    del self.index[key]

    # ------------------------------------------------------------ refinement of a batch
    def refine(self) -> dict[str, str]:
        """Reconsider a finished batch: offer every article again, cut stories that hold two
        happenings, offer again. Returns the articles whose story changed, with their new story."""
        before = dict(self.assignments)
        self._reassign()
        self._split()
        self._reassign()
        return {
            article_id: story
            for article_id, story in self.assignments.items()
            if before.get(article_id) != story
        }

    def _reassign(self) -> None:
        """Move each article, in stream order, to the story it fits best among those sharing its
        keys (within the time window), compared with its own story without it. After the first
        round only the articles of the stories that changed are offered again."""
        queries = {
            article_id: self._query(article) for article_id, article in self.profiles.items()
        }
        changed: set[str] | None = None
        for _ in range(REFINE_ROUNDS):
            moved, touched = 0, set[str]()
            for article_id, article in self.profiles.items():
                if changed is not None and self.assignments[article_id] not in changed:
                    continue
                keys, query = queries[article_id]
                own = self.clusters[self.assignments[article_id]]
                alone = len(own.article_ids) == 1
                best, best_score = own, REFINE_THRESHOLD
                if not alone:
                    best_score = max(best_score, self._similarity_without(article, query, own))
                for cluster in self._candidates(keys, article):
                    if cluster is not own:
                        score = self._similarity(article, query, cluster)
                        if score >= best_score:
                            best, best_score = cluster, score
                if best is own:
                    continue
                moved += 1
                own.article_ids.remove(article_id)
                if alone:
                    self._drop(own)
                else:
                    self._take_out(own, article)
                    self._span(own)
                last_joined = best.last_joined
                self._join(best, article, keys)
                best.last_joined = max(last_joined, own.last_joined)
                self.assignments[article_id] = best.id
                touched.update((own.id, best.id))
            if not moved:
                break
            changed = touched

    def _take_out(self, cluster: _Cluster, article: Profile) -> None:
        """Take an article's unit raw vector and tallies out of a story (``_join`` in reverse)."""
        for term, value in _raw_unit(article).items():
            cluster.centroid[term] = cluster.centroid.get(term, 0.0) - value
        cluster.countries.subtract(dict(article.country_counts))
        cluster.places.subtract(dict(article.place_counts))
        cluster.countries, cluster.places = +cluster.countries, +cluster.places
        cluster.norm_documents = -1

    def _span(self, cluster: _Cluster) -> None:
        """Recompute a story's date span from its articles' given dates (kept as it is when some
        of its articles were placed for good, their dates no longer known)."""
        cluster.first_date, cluster.last_date = self._dates(cluster) or (
            cluster.first_date,
            cluster.last_date,
        )

    def _dates(
        self, cluster: _Cluster, skip: str | None = None
    ) -> tuple[dt.date | None, dt.date | None] | None:
        """The span of a story's given dates, leaving out article ``skip``; None when some of its
        articles were placed for good (their dates are no longer known)."""
        if any(a not in self.profiles for a in cluster.article_ids):
            return None
        dates = [
            date
            for a in cluster.article_ids
            if a != skip
            for date in [self.profiles[a].date]
            if date is not None
        ]
        return (min(dates), max(dates)) if dates else (None, None)

    def _split(self) -> None:
        """Cut in two, again and again, each story whose 2-means halves differ in enough terms."""
        for cluster in list(self.clusters.values()):
            if len(cluster.article_ids) < SPLIT_MIN_STORY:
                continue
            if any(a not in self.profiles for a in cluster.article_ids):
                continue  # a story with articles placed for good is left as it is
            parts = self._bisect([self.profiles[a] for a in cluster.article_ids])
            if len(parts) < 2:
                continue
            last_joined = cluster.last_joined
            self._drop(cluster)
            for number, part in enumerate(
                sorted(parts, key=lambda p: cluster.article_ids.index(p[0].article_id))
            ):
                rebuilt = self._open(part[0], cluster.id if number == 0 else None)
                rebuilt.title = cluster.title if number == 0 else part[0].title
                for article in part:
                    self._join(rebuilt, article, self._query(article)[0])
                    self.assignments[article.article_id] = rebuilt.id
                rebuilt.last_joined = last_joined

    def _bisect(self, members: list[Profile]) -> list[list[Profile]]:
        """The parts a story falls into: halves found by 2-means, kept while they differ in
        enough terms."""
        todo, done = [members], []
        while todo:
            group = todo.pop()
            if len(group) < SPLIT_MIN_STORY:
                done.append(group)
                continue
            sides = _two_means([self._unit_tfidf(article) for article in group])
            halves = [[a for a, side in zip(group, sides or ()) if side == k] for k in (0, 1)]
            if (
                sides is None
                or min(map(len, halves)) < SPLIT_MIN_PART
                or len(_telling_terms(*halves)) < SPLIT_MIN_TERMS
            ):
                done.append(group)
                continue
            todo.extend(halves)
        return done

    def _unit_tfidf(self, article: Profile) -> dict[str, float]:
        weights = {term: value * self._idf(term) for term, value in article.terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}


def _raw_unit(article: Profile) -> dict[str, float]:
    """An article's raw term weights scaled to unit length: what a story's centroid sums."""
    length = math.sqrt(sum(v * v for v in article.terms.values())) or 1.0
    return {term: value / length for term, value in article.terms.items()}


def _gap(date: dt.date | None, first: dt.date | None, last: dt.date | None) -> int:
    """Days between a date and a span; 0 when either is unknown or the date lies inside."""
    if date is None or first is None or last is None:
        return 0
    return max(0, (first - date).days if date < first else (date - last).days)


def _score(article: Profile, cosine: float, countries, gap: int) -> float:
    """The similarity of an article and a story: the cosine mixed with the overlap of actor
    countries when both have some, lowered by a date gap beyond ``SAME_DAYS``."""
    score = cosine
    if article.countries and countries:
        common = len(article.countries & countries)
        score = (1 - COUNTRY_WEIGHT) * score + COUNTRY_WEIGHT * 2 * common / (
            len(article.countries) + len(countries)
        )
    if gap > SAME_DAYS:
        score *= math.exp(-(gap - SAME_DAYS) / DECAY_DAYS)
    return score


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


def _unit_sum(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in vectors:
        for term, value in vector.items():
            total[term] = total.get(term, 0.0) + value
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {term: v / norm for term, v in total.items()}


def _two_means(
    vectors: list[dict[str, float]], starts: int = 4, rounds: int = 20
) -> list[int] | None:
    """Spherical 2-means with fixed starts: each of the ``starts`` members least like the whole,
    paired with the member least like it. The labelling with the tightest sides wins; None if
    none has two."""
    whole = _unit_sum(vectors)
    outliers = sorted(range(len(vectors)), key=lambda n: _dot(vectors[n], whole))[:starts]
    best, best_fit = None, -1.0
    for first in outliers:
        second = min(
            (n for n in range(len(vectors)) if n != first),
            key=lambda n: _dot(vectors[n], vectors[first]),
        )
        centres = [vectors[first], vectors[second]]
        labels: list[int] | None = None
        for _ in range(rounds):
            new = [0 if _dot(v, centres[0]) >= _dot(v, centres[1]) else 1 for v in vectors]
            if new == labels or len(set(new)) < 2:
                labels = new
                break
            labels = new
            centres = [
                _unit_sum(v for v, side in zip(vectors, labels) if side == k) for k in (0, 1)
            ]
        if labels is None or len(set(labels)) < 2:
            continue
        fit = sum(_dot(v, centres[side]) for v, side in zip(vectors, labels))
        if fit > best_fit:
            best, best_fit = labels, fit
    return best


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def log_tail(hits: int, size: int, other_hits: int, other_size: int) -> float:
    """log P(at least ``hits`` of the ``hits + other_hits`` articles holding a term fall on a
    side of ``size`` articles, the sides drawn at random): the hypergeometric upper tail."""
    holding, total = hits + other_hits, size + other_size
    terms = [
        _log_choose(size, k) + _log_choose(other_size, holding - k) - _log_choose(total, holding)
        for k in range(hits, min(holding, size) + 1)
    ]
    top = max(terms)
    return top + math.log(sum(math.exp(t - top) for t in terms))


def _telling_terms(left: list[Profile], right: list[Profile]) -> list[str]:
    """Terms held by at least two articles of one side, significantly more often than on the
    other."""
    counts = [Counter(term for article in side for term in article.terms) for side in (left, right)]
    telling = []
    for term in counts[0].keys() | counts[1].keys():
        for side, other in ((0, 1), (1, 0)):
            hits, size = counts[side][term], len((left, right)[side])
            other_hits, other_size = counts[other][term], len((left, right)[other])
            if (
                hits >= 2
                and hits * other_size > other_hits * size
                and log_tail(hits, size, other_hits, other_size) < SPLIT_LEVEL
            ):
                telling.append(term)
    return telling


def cluster_stories(
    items: Iterable[Result | Article], threshold: float = THRESHOLD
) -> tuple[list[str], list[Story]]:
    """Cluster a batch, refined: the story id of every article, in order, and the stories."""
    clusterer = StoryClusterer(threshold)
    items = list(items)
    clusterer.add_all(items)
    clusterer.refine()
    return [clusterer.assignments[profile_id(item)] for item in items], clusterer.stories()


def profile_id(item: Result | Article) -> str:
    return (item.article if isinstance(item, Result) else item).id


def story_record(story: Story) -> dict:
    """The JSON form of a story: id, title, article count and ids, actors, places and date span."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": len(story.article_ids),
        "article_ids": list(story.article_ids),
        "actors": list(story.actors),
        "places": list(story.places),
        "first_date": story.first_date.isoformat() if story.first_date else None,
        "last_date": story.last_date.isoformat() if story.last_date else None,
    }
