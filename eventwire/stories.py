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
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Article, Result, Story

# The best B-cubed F1 of a sweep from 0.20 to 0.32 on the ECB+ stories gold set (982 articles,
# 86 stories), with ENTITY_BOOST and COUNTRY_WEIGHT chosen in the same sweep; see ``evaluate.score_stories``.
THRESHOLD = 0.28
TOP_TERMS = 12                # blocking keys per article
MAX_POSTINGS = 200            # stories read per key, most recently active first
MAX_CANDIDATES = 50           # stories scored per article, those sharing the most keys first
MAX_CENTROID_TERMS = 600      # a story keeps its heaviest terms only, so memory stays bounded
NORM_REFRESH = 1.1            # recompute a story's TF-IDF norm when the stream has grown by this factor
ENTITY_BOOST = 0.5            # an actor or place name counts this many times a word's count
COUNTRY_WEIGHT = 0.1          # share of the similarity given to overlapping actor countries
WINDOW_DAYS = 30              # stories this far apart in time are never compared
SAME_DAYS = 3                 # a date gap up to this costs nothing; beyond it similarity decays
DECAY_DAYS = 14.0             # ... by a factor e for every DECAY_DAYS more

TOKEN = re.compile(r"[^\W\d_][\w'\-]*[^\W_]|\b(?:1[89]|20)\d\d\b")


def _stop_words() -> frozenset[str]:
    """spaCy's English stop words and the words of news reporting itself (``data/news_words.yaml``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .lexicons import load_news_words

    return frozenset(STOP_WORDS) | load_news_words()


STOP_WORDS = _stop_words()


def _stem(word: str) -> str:
    """Cut the endings that only mark number or possession: "talks" and "talk" are one term."""
    if word.endswith("'s"):
        word = word[:-2]
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
    terms: dict[str, float]          # raw term weights (1 + log tf), entity terms boosted
    countries: frozenset[str]
    country_counts: tuple[tuple[str, int], ...]
    place_counts: tuple[tuple[str, int], ...]
    date: dt.date | None             # given dates only: see ``profile``


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
    date = None if isinstance(item, Result) and item.date_source == "inferred" else article.date
    return Profile(article.id, _title(article), terms, frozenset(country_counts),
                   tuple(country_counts.most_common()), tuple(place_counts.most_common()), date)


def _title(article: Article) -> str:
    """The given title, else the first line of the text, cut to 120 characters."""
    if article.title:
        return article.title.strip()[:120]
    lines = [line.strip() for line in article.text.splitlines() if line.strip()]
    return lines[0][:120] if lines else article.id


@dataclass(slots=True)
class _Cluster:
    """A story while it grows: the centroid (sum of member vectors, each of unit length) and tallies."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    norm: float = 0.0                 # |centroid * idf| as of norm_documents articles seen (-1: stale)
    norm_documents: int = -1
    keys: set[str] = field(default_factory=set)   # the index keys it is filed under
    last_joined: int = 0              # the stream position of its latest article

    def story(self) -> Story:
        return Story(self.id, self.title, tuple(self.article_ids),
                     tuple(code for code, _ in self.countries.most_common()),
                     tuple(name for name, _ in self.places.most_common()), self.first_date, self.last_date)


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

    def add(self, item: Result | Article) -> str:
        """Place one article: join the most similar story at or above the threshold, else open one."""
        article = profile(item)
        self.documents += 1
        self.document_frequency.update(article.terms.keys())
        idf = {term: self._idf(term) for term in article.terms}
        weights = {term: value * idf[term] for term, value in article.terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        keys = sorted(weights, key=lambda term: (-weights[term], term))[:TOP_TERMS]
        # the unit TF-IDF vector times IDF once more: its dot product with a raw centroid is the cosine's numerator
        query = {term: weight * idf[term] / norm for term, weight in weights.items()}
        best, best_score = None, self.threshold
        for cluster in self._candidates(keys, article):
            score = self._similarity(article, query, cluster)
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            best = _Cluster(f"story-{article.article_id}", article.title)
            self.clusters[best.id] = best
        self._join(best, article, keys)
        self.assignments[article.article_id] = best.id
        return best.id

    def add_all(self, items: Iterable[Result | Article]) -> list[str]:
        """Place every article in turn: a batch is a stream that happens to be known in advance."""
        return [self.add(item) for item in items]

    def stories(self, ids: set[str] | None = None) -> list[Story]:
        """Every story so far (or those of ``ids``), in the order they were opened."""
        return [cluster.story() for cluster in self.clusters.values() if ids is None or cluster.id in ids]

    def _idf(self, term: str) -> float:
        return math.log((1 + self.documents) / (1 + self.document_frequency[term])) + 1.0

    def _candidates(self, keys: list[str], article: Profile) -> list[_Cluster]:
        """Stories sharing a key with the article and within the time window, most shared keys first."""
        shared: Counter[str] = Counter()
        for key in keys:
            posting = self.index.get(key)
            if not posting:
                continue
            for read, story_id in enumerate(reversed(posting)):
                if read >= MAX_POSTINGS:
                    break
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
        """Days between an article's date and a story's date span; 0 when either is unknown or the date
        lies inside."""
        date = article.date
        if date is None or cluster.first_date is None or cluster.last_date is None:
            return 0
        gap = (cluster.first_date - date).days if date < cluster.first_date else (date - cluster.last_date).days
        return max(0, gap)

    def _similarity(self, article: Profile, query: dict[str, float], cluster: _Cluster) -> float:
        """TF-IDF cosine with the centroid, mixed with country overlap, lowered by the date gap."""
        # IDF drifts slowly: a story's norm is refreshed when it changes or the stream has grown by a tenth
        if cluster.norm_documents < 0 or self.documents > NORM_REFRESH * cluster.norm_documents:
            cluster.norm = math.sqrt(sum((value * self._idf(term)) ** 2 for term, value in cluster.centroid.items()))
            cluster.norm_documents = self.documents
        centroid = cluster.centroid
        dot = sum(weight * centroid[term] for term, weight in query.items() if term in centroid)
        score = dot / cluster.norm if cluster.norm else 0.0
        if article.countries and cluster.countries:
            common = len(article.countries & cluster.countries.keys())
            dice = 2 * common / (len(article.countries) + len(cluster.countries))
            score = (1 - COUNTRY_WEIGHT) * score + COUNTRY_WEIGHT * dice
        gap = self._date_gap(article, cluster)
        if gap > SAME_DAYS:
            score *= math.exp(-(gap - SAME_DAYS) / DECAY_DAYS)
        return score

    def _join(self, cluster: _Cluster, article: Profile, keys: list[str]) -> None:
        """Add the article's unit-length raw vector to the centroid and file the story under its keys."""
        length = math.sqrt(sum(v * v for v in article.terms.values())) or 1.0
        for term, value in article.terms.items():
            cluster.centroid[term] = cluster.centroid.get(term, 0.0) + value / length
        if len(cluster.centroid) > 2 * MAX_CENTROID_TERMS:
            heaviest = sorted(cluster.centroid, key=lambda t: -cluster.centroid[t] * self._idf(t))
            cluster.centroid = {term: cluster.centroid[term] for term in heaviest[:MAX_CENTROID_TERMS]}
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
            del self.clusters[cluster.id]
            for article_id in cluster.article_ids:
                self.assignments.pop(article_id, None)
            for key in cluster.keys:
                posting = self.index.get(key)
                if posting is not None:
                    posting.pop(cluster.id, None)
                    if not posting:
                        del self.index[key]
        return [cluster.id for cluster in gone]


def cluster_stories(items: Iterable[Result | Article], threshold: float = THRESHOLD) -> tuple[list[str], list[Story]]:
    """Cluster a batch: the story id of every article, in order, and the stories."""
    clusterer = StoryClusterer(threshold)
    return clusterer.add_all(items), clusterer.stories()


def story_record(story: Story) -> dict:
    """The JSON form of a story: id, title, article count and ids, actors, places and date span."""
    return {"id": story.id, "title": story.title, "articles": len(story.article_ids),
            "article_ids": list(story.article_ids), "actors": list(story.actors), "places": list(story.places),
            "first_date": story.first_date.isoformat() if story.first_date else None,
            "last_date": story.last_date.isoformat() if story.last_date else None}
