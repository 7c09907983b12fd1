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
-- suppress: contacts needs unmet referrals
-- chart: hbar region needs_rate
-- note: A contact counts in the region of its postal code (or the region
--     given in the export).  The total row counts contacts of unknown
--     location too and uses the population of the --region filter, or of
--     the country all the regions belong to.
-- note.fr: Un contact compte dans la région de son code postal (ou la
--     région donnée dans l'export).  La ligne du total compte aussi les
--     contacts de lieu inconnu et utilise la population de la région du
--     filtre --region, ou du pays dont font partie toutes les régions.
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
         coalesce(n.unmet, 0) AS unmet, coalesce(n.referrals, 0) AS referrals
  FROM c LEFT JOIN n ON n.rid = c.rid
)
SELECT g.name_en AS region, g.name_fr AS region_fr, r.rid AS region_id,
       r.contacts, r.needs, r.unmet, r.referrals, 0 AS total_row,
       r.rid = 'unknown' AS last, g.level AS lv
FROM r JOIN regions g ON g.id = r.rid
UNION ALL
SELECT 'Total', 'Total',
       -- the population of the total: the --region filter, else the one
       -- country all the regions shown belong to
       coalesce(:region, (SELECT CASE WHEN count(DISTINCT ra.ancestor_id) = 1
                                      THEN max(ra.ancestor_id) END
                          FROM r AS q
                          JOIN region_ancestors ra ON ra.region_id = q.rid
                          JOIN regions g ON g.id = ra.ancestor_id
                          WHERE g.level = 'country')),
       sum(contacts), sum(needs), sum(unmet), sum(referrals), 1, 2, ''
FROM r HAVING count(*) > 0
ORDER BY total_row, last, lv, region;
