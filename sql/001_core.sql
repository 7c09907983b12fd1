-- needstat schema, version 1.  The database is an interface: analysts query
-- these tables with sqlite3 directly.  Documented in needstat-schema(5).
-- No names or phone numbers; postal codes are cut to the FSA (Canada) or the
-- 5-digit ZIP (US) before storage.

CREATE TABLE sources (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE              -- e.g. 'canonical', 'icarol-east'
) STRICT;

CREATE TABLE batches (
  id                INTEGER PRIMARY KEY,
  source_id         INTEGER NOT NULL REFERENCES sources(id),
  file_name         TEXT NOT NULL,        -- as given ('-' for stdin)
  file_size         INTEGER,              -- bytes read
  sha256            TEXT,                 -- of the bytes read
  profile           TEXT NOT NULL,
  map_version       INTEGER,              -- category map that classified it
  rows_read         INTEGER NOT NULL DEFAULT 0,
  rows_loaded       INTEGER NOT NULL DEFAULT 0,
  rows_rejected     INTEGER NOT NULL DEFAULT 0,
  rows_dropped      INTEGER NOT NULL DEFAULT 0,  -- dropped by a profile rule
  contacts_new      INTEGER NOT NULL DEFAULT 0,
  contacts_replaced INTEGER NOT NULL DEFAULT 0,
  needs_loaded      INTEGER NOT NULL DEFAULT 0,
  date_min          TEXT,                 -- local dates of the contacts
  date_max          TEXT,
  started_at        TEXT NOT NULL,        -- UTC, ISO 8601
  finished_at       TEXT
) STRICT;

-- What went wrong in a batch, by column and reason (data-quality report):
-- kind 'reject' (a bad row, not loaded) or 'field' (an optional field that
-- failed its check and was stored as unknown; the row loaded).
CREATE TABLE batch_issues (
  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('reject', 'field')),
  column_name TEXT NOT NULL,
  reason      TEXT NOT NULL,
  count       INTEGER NOT NULL,
  example     TEXT,
  PRIMARY KEY (batch_id, kind, column_name, reason)
) STRICT;

-- Reporting categories (the 17 AIRS need categories by default, plus other).
CREATE TABLE categories (
  id      TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  sort    INTEGER NOT NULL
) STRICT;

-- Category maps are versioned: each load is a new version; the highest is
-- in force.  Longest matching prefix wins.
CREATE TABLE map_versions (
  version   INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,                -- file it came from
  sha256    TEXT,
  loaded_at TEXT NOT NULL
) STRICT;

CREATE TABLE category_map (
  version  INTEGER NOT NULL REFERENCES map_versions(version),
  prefix   TEXT NOT NULL,
  category TEXT NOT NULL REFERENCES categories(id),
  PRIMARY KEY (version, prefix)
) STRICT;

-- Optional licensed term names (never bundled).
CREATE TABLE terms (
  code    TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_fr TEXT
) STRICT;

-- Regions: country > province/state > finer levels, plus 'unknown'.
CREATE TABLE regions (
  id        TEXT PRIMARY KEY,
  level     TEXT NOT NULL,                -- country, province, state, region, ...
  parent_id TEXT REFERENCES regions(id),
  name_en   TEXT NOT NULL,
  name_fr   TEXT NOT NULL
) STRICT;

-- Every region with each of its ancestors and itself (depth 0 = itself),
-- rebuilt whenever regions change: reports roll up with one join.
CREATE TABLE region_ancestors (
  region_id   TEXT NOT NULL REFERENCES regions(id),
  ancestor_id TEXT NOT NULL REFERENCES regions(id),
  depth       INTEGER NOT NULL,
  PRIMARY KEY (region_id, ancestor_id)
) STRICT, WITHOUT ROWID;

-- Crosswalk: an FSA ('K1A') or 5-digit ZIP to the finest region it is in.
CREATE TABLE region_keys (
  key       TEXT PRIMARY KEY,
  region_id TEXT NOT NULL REFERENCES regions(id)
) STRICT;

CREATE TABLE populations (
  region_id  TEXT NOT NULL REFERENCES regions(id),
  year       INTEGER NOT NULL,
  population INTEGER NOT NULL CHECK (population > 0),
  source     TEXT,
  PRIMARY KEY (region_id, year)
) STRICT;

-- Distinct taxonomy codes seen, as written after normalisation.
CREATE TABLE codes (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL UNIQUE,           -- 'BD-1800.2000 * YN-9000'
  service TEXT NOT NULL,                  -- 'BD-1800.2000'
  targets TEXT,                           -- 'YN-9000', NULL when none
  level   INTEGER NOT NULL
) STRICT;

CREATE TABLE contacts (
  id                INTEGER PRIMARY KEY,
  source_id         INTEGER NOT NULL REFERENCES sources(id),
  source_contact_id TEXT NOT NULL,        -- id in the source system
  batch_id          INTEGER NOT NULL REFERENCES batches(id),
  started_local     TEXT NOT NULL,        -- 'YYYY-MM-DD HH:MM:SS' as written
  utc_offset        INTEGER,              -- minutes east of UTC, NULL unknown
  started_utc       INTEGER,              -- Unix time, NULL when no offset
  month             INTEGER NOT NULL,     -- YYYYMM of the local date
  channel           TEXT,                 -- NULL = unknown
  language          TEXT,
  postal_key        TEXT,                 -- FSA or 5-digit ZIP, never more
  province          TEXT,                 -- 'ON', 'US-NY', NULL unknown
  region_id         TEXT NOT NULL,        -- finest region known, or 'unknown'
  age_group         TEXT,
  gender            TEXT,
  UNIQUE (source_id, source_contact_id)
) STRICT;

CREATE TABLE needs (
  id          INTEGER PRIMARY KEY,
  contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,           -- 1.. within the contact
  code_id     INTEGER,                    -- codes.id, NULL when only a category was given
  category    TEXT NOT NULL,              -- categories.id as classified
  map_version INTEGER NOT NULL,           -- the map that classified it (0: given category)
  status      TEXT NOT NULL,              -- met, unmet, partial, unrecorded
  reason      TEXT,                       -- unmet/partial reason, canonical
  referrals   INTEGER                     -- number given, NULL unknown
) STRICT;
CREATE INDEX needs_contact ON needs(contact_id);

CREATE TABLE referrals (
  id      INTEGER PRIMARY KEY,
  need_id INTEGER NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
  agency  TEXT NOT NULL
) STRICT;
CREATE INDEX referrals_need ON referrals(need_id);

-- Aggregates kept in step with the raw tables by every ingest, replacement
-- and reclassification (same transaction).  reason '' = none.
CREATE TABLE agg_needs (
  month     INTEGER NOT NULL,
  category  TEXT NOT NULL,
  region_id TEXT NOT NULL,
  status    TEXT NOT NULL,
  reason    TEXT NOT NULL,
  needs     INTEGER NOT NULL,
  referrals INTEGER NOT NULL,
  PRIMARY KEY (month, category, region_id, status, reason)
) STRICT, WITHOUT ROWID;

CREATE TABLE agg_contacts (
  month     INTEGER NOT NULL,
  region_id TEXT NOT NULL,
  channel   TEXT NOT NULL,                -- '' = unknown
  language  TEXT NOT NULL,
  age_group TEXT NOT NULL,
  gender    TEXT NOT NULL,
  contacts  INTEGER NOT NULL,
  needs     INTEGER NOT NULL,
  PRIMARY KEY (month, region_id, channel, language, age_group, gender)
) STRICT, WITHOUT ROWID;

-- Readable views for analysts.
CREATE VIEW needs_v AS
SELECT n.id AS need_id, c.id AS contact_id, s.name AS source,
       c.source_contact_id, c.started_local, c.month, c.channel, c.language,
       c.postal_key, c.province, c.region_id, c.age_group, c.gender,
       n.seq, k.code, k.service, k.targets, n.category, n.map_version,
       n.status, n.reason, n.referrals, c.batch_id
FROM needs n JOIN contacts c ON c.id = n.contact_id
JOIN sources s ON s.id = c.source_id
LEFT JOIN codes k ON k.id = n.code_id;
