"""The store's schema: the migration steps by version, the views, and what the store keeps
about its own format.

Each step takes a file from the version before to its own; a file records its version in
``meta`` and runs only the steps above it, in order, each once. A new file runs them all.
"""

from __future__ import annotations

import pickle
import re

MIGRATIONS: dict[int, str] = {
    1: """
-- the first tables
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY, started TIMESTAMP, code_version VARCHAR, data_version VARCHAR,
    articles INTEGER, events INTEGER, problems INTEGER);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, date_source VARCHAR, outlet VARCHAR,
    url VARCHAR, origin VARCHAR, text VARCHAR, run_id VARCHAR, data_version VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR,
    source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    source_start INTEGER, source_end INTEGER,
    target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    target_start INTEGER, target_end INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    date DATE, date_granularity VARCHAR, date_method VARCHAR,
    location_name VARCHAR, location_country VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN,
    cameo VARCHAR, quad_class INTEGER, intensity DOUBLE, confidence DOUBLE, rule VARCHAR,
    data_version VARCHAR);
CREATE TABLE IF NOT EXISTS time_expressions (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, type VARCHAR,
    value VARCHAR);
CREATE TABLE IF NOT EXISTS problems (
    article_id VARCHAR, origin VARCHAR, code VARCHAR, stage VARCHAR, message VARCHAR,
    run_id VARCHAR);
""",
    2: """
-- events gain who reported them; quotes
ALTER TABLE events ADD COLUMN reported_by_name VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_country VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_sector VARCHAR;
ALTER TABLE events ADD COLUMN reported VARCHAR;
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, content_start INTEGER, content_end INTEGER, content VARCHAR,
    source_start INTEGER, source_end INTEGER, source_text VARCHAR, cue_start INTEGER,
    cue_end INTEGER, cue VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    speaker_sector VARCHAR, direct BOOLEAN, medium VARCHAR);
""",
    3: """
-- articles gain their story, events their merged event; merged events and stories
ALTER TABLE articles ADD COLUMN story VARCHAR;
ALTER TABLE events ADD COLUMN canonical_id VARCHAR;
CREATE TABLE IF NOT EXISTS canonical_events (
    id VARCHAR PRIMARY KEY, story VARCHAR, type VARCHAR, mode VARCHAR,
    source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    date DATE, date_granularity VARCHAR, date_method VARCHAR, location_name VARCHAR,
    location_country VARCHAR, negated BOOLEAN, hypothetical BOOLEAN, cameo VARCHAR,
    quad_class INTEGER, intensity DOUBLE, num_mentions INTEGER, num_articles INTEGER,
    num_sources INTEGER, first_seen DATE, last_seen DATE, article_ids VARCHAR[],
    outlets VARCHAR[]);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY, title VARCHAR, articles INTEGER, article_ids VARCHAR[],
    actors VARCHAR[], places VARCHAR[], first_date DATE, last_date DATE);
""",
    4: """
-- the saved story linker records its format
CREATE TABLE IF NOT EXISTS linker_state (id INTEGER PRIMARY KEY, state BLOB, saved TIMESTAMP);
ALTER TABLE linker_state ADD COLUMN format INTEGER;
""",
    5: """
-- events keep how each actor was decided ("low confidence: ..." when the text does not settle it)
ALTER TABLE events ADD COLUMN source_evidence VARCHAR;
ALTER TABLE events ADD COLUMN target_evidence VARCHAR;
""",
    6: """
-- every actor and place an article names, as the pipeline found them: what links a stored
-- article into its story (``Store.unlinked``) as it was linked when coded
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, kind VARCHAR,
    name VARCHAR, country VARCHAR, sector VARCHAR, evidence VARCHAR);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, name VARCHAR, country VARCHAR,
    latitude DOUBLE, longitude DOUBLE);
""",
    7: """
-- events keep the time expression that dated them
ALTER TABLE events ADD COLUMN date_start INTEGER;
ALTER TABLE events ADD COLUMN date_end INTEGER;
""",
    8: """
-- events say when they are one act of two sides together, read the same either way
ALTER TABLE events ADD COLUMN mutual BOOLEAN;
""",
}
SCHEMA_VERSION = max(MIGRATIONS)

# views over the tables: every article event as a mention of its merged event, and every
# coded actor
VIEWS = """
CREATE OR REPLACE VIEW event_mentions AS
    SELECT e.canonical_id, e.id AS event_id, e.article_id, a.outlet, a.date AS article_date,
           e.sentence_start, e.sentence_end
    FROM events e JOIN articles a ON a.id = e.article_id;
CREATE OR REPLACE VIEW actors AS
    SELECT name, country, sector, count(*) AS events, count(DISTINCT article_id) AS articles,
           min(date) AS first_date, max(date) AS last_date
    FROM (SELECT source_name AS name, source_country AS country, source_sector AS sector,
                 article_id, date
          FROM events WHERE source_name IS NOT NULL
          UNION ALL
          SELECT target_name, target_country, target_sector, article_id, date FROM events
          WHERE target_name IS NOT NULL)
    GROUP BY name, country, sector;
"""
# the tables and views ``count`` answers for
TABLES = frozenset(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", "".join(MIGRATIONS.values())))
TABLES |= {"actors", "event_mentions"}
# what an article's rows are kept under: replaced whole when the article is stored again
ARTICLE_TABLES = (
    "events",
    "time_expressions",
    "quotes",
    "problems",
    "mentions",
    "places",
    "articles",
)
# The story linker is pickled: raise this when StoryLinker, StoryClusterer or EventMerger
# change what they keep, so a linker saved by other code is refused with a warning instead
# of failing later.
LINKER_FORMAT = 1
# what unpickling an object saved by other code raises: its class or module is gone, or its
# fields changed
BAD_PICKLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)
