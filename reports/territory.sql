-- id: territory
-- order: 60
-- title: Needs and referrals by region, per 10,000 population
-- title.fr: Besoins et références par région, pour 10 000 habitants
-- about: Contacts, needs, unmet needs and referrals by region, with needs
--     and referrals per 10,000 population.
-- about.fr: Contacts, besoins, besoins non comblés et références par
--     région, avec les besoins et les références pour 10 000 habitants.
-- param: level text province | region level to report on (province, state,
--     country or a level you loaded) | niveau de région (province, state,
--     country ou un niveau chargé)
-- column: region text | Region | Région
-- column: contacts int | Contacts | Contacts
-- column: needs int | Needs | Besoins
-- column: unmet int | Unmet needs | Besoins non comblés
-- column: referrals int | Referrals | Références
-- column: population int | Population | Population
-- column: needs_rate rate decimals=1 | Needs rate | Taux de besoins
-- column: referrals_rate rate decimals=1 | Referrals rate | Taux de références
-- population: population = region_id
-- rate: needs_rate = needs / population
-- rate: referrals_rate = referrals / population noci
-- chart: hbar region needs_rate
-- note: A contact counts in the region of its postal code (or the region
--     given in the export).  The total row counts contacts of unknown
--     location too; its rates count only the regions with a population.
-- note.fr: Un contact compte dans la région de son code postal (ou la
--     région donnée dans l'export).  La ligne du total compte aussi les
--     contacts de lieu inconnu; ses taux ne comptent que les régions dont
--     la population est connue.
-- note.sql: SELECT 'The category filter applies to needs and referrals,
--     not to contacts.', 'Le filtre de catégorie s''applique aux besoins et
--     aux références, pas aux contacts.' WHERE :category IS NOT NULL

WITH lvl AS (
  SELECT ra.region_id, ra.ancestor_id
  FROM region_ancestors ra JOIN regions g ON g.id = ra.ancestor_id
  WHERE g.level = :level
), inreg AS (
  SELECT region_id FROM region_ancestors
  WHERE :region IS NULL OR ancestor_id = :region
), n AS (
  SELECT coalesce(lvl.ancestor_id, a.region_id) AS rid,
         sum(a.needs) AS needs,
         sum(CASE WHEN a.status = 'unmet' THEN a.needs ELSE 0 END) AS unmet,
         sum(CASE WHEN a.status IN ('met', 'partial', 'unmet') THEN a.needs
             ELSE 0 END) AS recorded,
         sum(a.referrals) AS referrals
  FROM agg_needs a LEFT JOIN lvl ON lvl.region_id = a.region_id
  WHERE a.month BETWEEN :from AND :to
    AND a.region_id IN (SELECT region_id FROM inreg)
    AND (:category IS NULL OR a.category = :category)
  GROUP BY 1
), c AS (
  SELECT coalesce(lvl.ancestor_id, a.region_id) AS rid,
         sum(a.contacts) AS contacts
  FROM agg_contacts a LEFT JOIN lvl ON lvl.region_id = a.region_id
  WHERE a.month BETWEEN :from AND :to
    AND a.region_id IN (SELECT region_id FROM inreg)
  GROUP BY 1
), r AS (
  SELECT c.rid, c.contacts, coalesce(n.needs, 0) AS needs,
         CASE WHEN n.recorded > 0 OR n.needs = 0 THEN n.unmet END AS unmet,
         coalesce(n.recorded, 0) AS recorded,
         CASE WHEN n.recorded = 0 AND n.needs > 0 THEN 'not_recorded' END
           AS unmet_na,
         coalesce(n.referrals, 0) AS referrals
  FROM c LEFT JOIN n ON n.rid = c.rid
)
SELECT g.name_en AS region, g.name_fr AS region_fr, r.rid AS region_id,
       r.contacts, r.needs, r.unmet, r.referrals, r.recorded,
       -- needs but none with a recorded status: "not recorded", not 0
       r.unmet_na,
       0 AS total_row,
       r.rid = 'unknown' AS last, g.level AS lv
FROM r JOIN regions g ON g.id = r.rid
UNION ALL
SELECT 'Total', 'Total',
       -- no region: the engine divides by the population of the regions
       -- shown that have one, over their counts only (notes name the rest)
       NULL,
       sum(contacts), sum(needs),
       CASE WHEN sum(recorded) > 0 OR sum(needs) = 0 THEN sum(unmet) END,
       sum(referrals), sum(recorded),
       CASE WHEN sum(recorded) = 0 AND sum(needs) > 0 THEN 'not_recorded' END,
       1, 2, ''
FROM r HAVING count(*) > 0
ORDER BY total_row, last, lv, region;
