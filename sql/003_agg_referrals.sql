-- Referrals to organisations by month, category and region, kept in step
-- with the raw tables like the other aggregates, so "organisations
-- referred" reads thousands of rows instead of every referral.  And a
-- partial index to find the needs no map classifies (data quality).
CREATE TABLE agg_referrals (
  month     INTEGER NOT NULL,
  category  TEXT NOT NULL,
  region_id TEXT NOT NULL,
  agency    TEXT NOT NULL,
  referrals INTEGER NOT NULL,        -- rows of the referrals table
  PRIMARY KEY (month, category, region_id, agency)
) STRICT, WITHOUT ROWID;

INSERT INTO agg_referrals
SELECT c.month, n.category, c.region_id, r.agency, count(*)
FROM referrals r JOIN needs n ON n.id = r.need_id
JOIN contacts c ON c.id = n.contact_id
GROUP BY 1, 2, 3, 4;

CREATE INDEX needs_other ON needs(contact_id) WHERE category = 'other';
