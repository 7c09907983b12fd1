-- Needs keyed by their contact (issue 16): one B-tree, no rowid and no
-- second index.  A need is (contact_id, seq), seq 1.. within the contact;
-- needs are written in contact order, so a load appends to the tree, and
-- "the needs of a contact" (replacement, the contact aggregates) is a
-- range of the primary key.  Referrals name their need by the same pair.
-- needs_v loses need_id (use contact_id, seq); contacts_v is new.
-- Existing rows are converted; needs keep their contact_id and seq.

CREATE TABLE needs_new (
  contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,           -- 1.. within the contact
  code_id     INTEGER,                    -- codes.id, NULL when only a category was given
  category    TEXT NOT NULL,              -- categories.id as classified
  map_version INTEGER NOT NULL,           -- the map that classified it (0: given category)
  status      TEXT NOT NULL,              -- met, unmet, partial, unrecorded
  reason      TEXT,                       -- unmet/partial reason, canonical
  referrals   INTEGER,                    -- number given, NULL unknown
  PRIMARY KEY (contact_id, seq)
) STRICT, WITHOUT ROWID;

INSERT INTO needs_new
SELECT contact_id, seq, code_id, category, map_version, status, reason,
       referrals
FROM needs ORDER BY contact_id, seq;

CREATE TEMP TABLE referrals_old AS
SELECT r.id, n.contact_id, n.seq, r.agency
FROM referrals r JOIN needs n ON n.id = r.need_id;

DROP VIEW needs_v;
DROP TABLE referrals;
DROP TABLE needs;
ALTER TABLE needs_new RENAME TO needs;
CREATE INDEX needs_other ON needs(contact_id) WHERE category = 'other';

CREATE TABLE referrals (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  agency     TEXT NOT NULL,
  FOREIGN KEY (contact_id, seq) REFERENCES needs(contact_id, seq)
    ON DELETE CASCADE
) STRICT;
CREATE INDEX referrals_need ON referrals(contact_id, seq);

INSERT INTO referrals SELECT id, contact_id, seq, agency
FROM temp.referrals_old ORDER BY id;
DROP TABLE temp.referrals_old;

-- Readable views for analysts: the text form with the source's name.
CREATE VIEW needs_v AS
SELECT c.id AS contact_id, s.name AS source,
       c.source_contact_id, c.started_local, c.month, c.channel, c.language,
       c.postal_key, c.province, c.region_id, c.age_group, c.gender,
       n.seq, k.code, k.service, k.targets, n.category, n.map_version,
       n.status, n.reason, n.referrals, c.batch_id
FROM needs n JOIN contacts c ON c.id = n.contact_id
JOIN sources s ON s.id = c.source_id
LEFT JOIN codes k ON k.id = n.code_id;

CREATE VIEW contacts_v AS
SELECT c.id AS contact_id, s.name AS source, c.source_contact_id,
       c.batch_id, c.started_local, c.utc_offset, c.started_utc, c.month,
       c.channel, c.language, c.postal_key, c.province, c.region_id,
       c.region_given, c.age_group, c.gender
FROM contacts c JOIN sources s ON s.id = c.source_id;
