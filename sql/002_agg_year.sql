-- A yearly roll-up of agg_needs without the reason: calendar year x
-- category x region x status.  Tables by year answer from a few thousand
-- rows (the month x reason detail multiplies agg_needs by ~10).  Kept in
-- step with agg_needs by every ingest, replacement and rebuild.
CREATE TABLE agg_needs_year (
  year      INTEGER NOT NULL,
  category  TEXT NOT NULL,
  region_id TEXT NOT NULL,
  status    TEXT NOT NULL,
  needs     INTEGER NOT NULL,
  referrals INTEGER NOT NULL,
  PRIMARY KEY (year, category, region_id, status)
) STRICT, WITHOUT ROWID;

INSERT INTO agg_needs_year
SELECT month / 100, category, region_id, status, sum(needs), sum(referrals)
FROM agg_needs GROUP BY 1, 2, 3, 4;
