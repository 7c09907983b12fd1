-- Every row read lands in exactly one bucket (needstat-ingest(1)):
--   rows_read = rows_loaded + rows_merged + rows_duplicate + rows_dropped
--             + rows_blank + rows_rejected
-- per batch.  rows_loaded counts only rows that stored something (a need,
-- or a contact with no need); rows_merged, rows that added nothing of
-- their own to a contact or need already stored by an earlier row
-- (a blank need_code beside its contact's other needs, a further row of
-- a need id); rows_duplicate, repeated rows skipped (a profile's
-- drop_duplicates, a repeated row of a need id); rows_blank, records
-- whose every field is blank.  Batches loaded before this version have
-- rows_merged, rows_duplicate and rows_blank 0 (their rows_loaded may
-- include merged rows and their rows_dropped duplicates).
ALTER TABLE batches ADD COLUMN rows_merged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN rows_duplicate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN rows_blank INTEGER NOT NULL DEFAULT 0;

-- Needs whose code is not a taxonomy code (a local extension X_..., a
-- code from another scheme, a counter in the code column) and needs coded
-- only with a target-population term (section Y) have their own
-- categories until a category map sends them somewhere.  needstat-init
-- loads the same rows from data/categories.csv.
INSERT INTO categories(id, name_en, name_fr, sort) VALUES
  ('unclassified', 'Unclassified (invalid code)',
   'Non classé (code invalide)', 97),
  ('target_only', 'Target term only', 'Population cible seulement', 98)
  ON CONFLICT(id) DO NOTHING;
