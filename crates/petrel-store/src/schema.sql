-- petrel store schema, version 1.
--
-- One row per article in `articles`; its actors, events, places and quotes hang off it by
-- `article` (the article's rowid) and are deleted with it. All offsets (`*_start`, `*_end`)
-- are byte offsets into `articles.text`, as in the JSON records. Dates are ISO `YYYY-MM-DD`
-- text so that string order is date order. Country codes are ISO-3166 alpha-3 (or CAMEO
-- group codes), actor codes are concatenated CAMEO codes (`KGZGOV`).

CREATE TABLE IF NOT EXISTS petrel_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    rowid     INTEGER PRIMARY KEY,
    -- The input's id, or `sha:<hash>` when the input had none.
    id        TEXT NOT NULL UNIQUE,
    -- FNV-1a 64 of the text and metadata; a re-run with the same id and hash is skipped,
    -- a different hash replaces the article and everything coded from it.
    hash      TEXT NOT NULL,
    date      TEXT,
    title     TEXT,
    url       TEXT,
    source    TEXT,
    text      TEXT NOT NULL,
    sentences INTEGER NOT NULL,
    tokens    INTEGER NOT NULL,
    -- The full output record (the same JSON `petrel code` prints), for export.
    record    TEXT NOT NULL,
    stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);

CREATE TABLE IF NOT EXISTS actors (
    rowid    INTEGER PRIMARY KEY,
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    -- Position in the record's `actors` array.
    idx      INTEGER NOT NULL,
    name     TEXT NOT NULL,
    country  TEXT,
    role     TEXT,
    code     TEXT NOT NULL,
    -- JSON array of [start, end] mention spans.
    mentions TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actors_article ON actors(article);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
CREATE INDEX IF NOT EXISTS actors_country ON actors(country);

CREATE TABLE IF NOT EXISTS events (
    rowid          INTEGER PRIMARY KEY,
    article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    sentence       INTEGER NOT NULL,
    sentence_start INTEGER,
    sentence_end   INTEGER,
    text           TEXT NOT NULL,
    date           TEXT,
    src_text       TEXT,
    src_name       TEXT,
    src_country    TEXT,
    src_role       TEXT,
    src_code       TEXT,
    src_start      INTEGER,
    src_end        INTEGER,
    tgt_text       TEXT,
    tgt_name       TEXT,
    tgt_country    TEXT,
    tgt_role       TEXT,
    tgt_code       TEXT,
    tgt_start      INTEGER,
    tgt_end        INTEGER,
    cameo          TEXT NOT NULL,
    cameo_root     TEXT NOT NULL,
    goldstein      REAL NOT NULL,
    quad_class     INTEGER NOT NULL,
    plover_type    TEXT,
    plover_mode    TEXT,
    plover_context TEXT,
    modality       TEXT NOT NULL,
    verb           TEXT NOT NULL,
    verb_start     INTEGER,
    verb_end       INTEGER,
    loc_name       TEXT,
    loc_country    TEXT,
    lat            REAL,
    lon            REAL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);
CREATE INDEX IF NOT EXISTS events_root ON events(cameo_root, date);
CREATE INDEX IF NOT EXISTS events_src_code ON events(src_code);
CREATE INDEX IF NOT EXISTS events_tgt_code ON events(tgt_code);
CREATE INDEX IF NOT EXISTS events_src_country ON events(src_country);
CREATE INDEX IF NOT EXISTS events_tgt_country ON events(tgt_country);
CREATE INDEX IF NOT EXISTS events_loc_country ON events(loc_country);
CREATE INDEX IF NOT EXISTS events_latlon ON events(lat, lon);

CREATE TABLE IF NOT EXISTS places (
    rowid    INTEGER PRIMARY KEY,
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    name     TEXT NOT NULL,
    country  TEXT,
    lat      REAL NOT NULL,
    lon      REAL NOT NULL,
    feature  TEXT NOT NULL,
    sentence INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS places_article ON places(article);
CREATE INDEX IF NOT EXISTS places_country ON places(country);

CREATE TABLE IF NOT EXISTS quotes (
    rowid         INTEGER PRIMARY KEY,
    article       INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    content       TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    cue           TEXT,
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    actor_code    TEXT,
    sentence      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE INDEX IF NOT EXISTS quotes_actor ON quotes(actor_code);
