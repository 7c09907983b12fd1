-- id: territory
-- order: 60
-- title: Needs and referrals given by region, per 10,000 population
-- title.fr: Besoins et références données par région, pour 10 000 habitants
-- about: Contacts, needs, unmet needs and referrals given by region, with
--     needs and referrals given per 10,000 population.
-- about.fr: Contacts, besoins, besoins non comblés et références données
--     par région, avec les besoins et les références données pour 10 000
--     habitants.
-- glossary: region | Region where the contacts are located (from their
--     postal code, or the region given in the export), at the report's level;
--     Unknown location when neither says | Région où se trouvent les contacts
--     (selon leur code postal, ou la région donnée dans l'export), au niveau
--     du rapport ; Lieu inconnu quand ni l'un ni l'autre ne l'indique
-- glossary: contacts | Contacts with the helpline (calls, texts, chats,
--     emails, web forms, visits); one contact may bring several needs |
--     Contacts avec le service (appels, textos, clavardages, courriels,
--     formulaires web, visites) ; un contact peut apporter plusieurs besoins
-- glossary: needs | Needs recorded during the contacts, each in one
--     category | Besoins consignés lors des contacts, chacun dans une
--     catégorie
-- glossary: unmet | Needs recorded as unmet (partly met needs are not
--     counted) | Besoins consignés comme non comblés (les besoins
--     partiellement comblés ne sont pas comptés)
-- glossary: referrals | Referrals given: the number of referrals recorded
--     for the needs (the referral count of each need, whether or not the
--     organisation is named) | Références données : nombre de références
--     consignées pour les besoins (le nombre de références de chaque besoin,
--     que l'organisme soit nommé ou non)
-- glossary: population | Population of the region in the population file
--     loaded (its year and source are in the notes) | Population de la région
--     dans le fichier de population chargé (son année et sa source sont dans
--     les notes)
-- glossary: needs_rate | Needs per 10,000 population of the region |
--     Besoins pour 10 000 habitants de la région
-- glossary: referrals_rate | Referrals given per 10,000 population of the
--     region | Références données pour 10 000 habitants de la région
-- param: level text province | region level to report on (default: the
--     level just under the country that holds most contacts of the period:
--     province for Canadian data, state for US data) | niveau de région
--     (par défaut : le niveau sous le pays qui compte le plus de contacts
--     de la période : province pour des données canadiennes, state pour
--     des données américaines)
-- values.sql: level SELECT g.level FROM regions g
--     JOIN region_ancestors ra ON ra.region_id = g.id
--     WHERE g.level <> 'unknown' GROUP BY g.level
--     ORDER BY max(ra.depth), g.level
-- default.sql: level SELECT g.level FROM (SELECT region_id,
--       sum(contacts) AS contacts FROM agg_contacts
--       WHERE month BETWEEN :from AND :to
--         AND (:region IS NULL OR region_id IN (SELECT region_id
--              FROM region_ancestors WHERE ancestor_id = :region))
--       GROUP BY region_id) a
--     JOIN region_ancestors ra ON ra.region_id = a.region_id
--     JOIN regions g ON g.id = ra.ancestor_id
--     JOIN regions up ON up.id = g.parent_id AND up.level = 'country'
--     GROUP BY g.level ORDER BY sum(a.contacts) DESC, g.level LIMIT 1
-- column: region text | Region | Région
-- column: contacts int | Contacts | Contacts
-- column: needs int | Needs | Besoins
-- column: unmet int | Unmet needs | Besoins non comblés
-- column: referrals int | Referrals given | Références données
-- column: population int | Population | Population
-- column: needs_rate rate decimals=1 | Needs rate | Taux de besoins
-- column: referrals_rate rate decimals=1 | Referrals given rate | Taux de références données
-- population: population = region_id
-- rate: needs_rate = needs / population
-- rate: referrals_rate = referrals / population noci
-- suppress: contacts needs unmet referrals
-- chart: hbar region needs_rate
-- note: A contact counts in the region of its postal code (or the region
--     given in the export).  The total row counts contacts of unknown
--     location too; its rates count only the regions with a population.  Regions of another
--     country than the level's (US states in a province table) are counted
--     at their country.
-- note.fr: Un contact compte dans la région de son code postal (ou la
--     région donnée dans l'export).  La ligne du total compte aussi les
--     contacts de lieu inconnu ; ses taux ne comptent que les régions dont
--     la population est connue.  Les régions d'un
--     autre pays que celui du niveau (les États américains dans un tableau
--     par province) sont comptées à leur pays.
-- note.sql: SELECT 'The category filter applies to needs and referrals
--     given, not to contacts.', 'Le filtre de catégorie s''applique aux
--     besoins et aux références données, pas aux contacts.' WHERE :category IS NOT NULL

WITH lv AS (
  SELECT max(a.depth) AS d FROM region_ancestors a
  JOIN regions g ON g.id = a.region_id WHERE g.level = :level
), rd AS (
  SELECT region_id, max(depth) AS d FROM region_ancestors GROUP BY region_id
), lvl AS MATERIALIZED (
  -- each region's ancestor of level :level; a region with none (the
  -- regions of another country: US states in a province table) counts at
  -- its deepest ancestor above that depth (its country), so that a column
  -- never mixes kinds of regions
  SELECT rd.region_id, coalesce(
    (SELECT x.ancestor_id FROM region_ancestors x
     JOIN regions g ON g.id = x.ancestor_id
     WHERE x.region_id = rd.region_id AND g.level = :level),
    (SELECT x.ancestor_id FROM region_ancestors x
     WHERE x.region_id = rd.region_id AND rd.d - x.depth < (SELECT d FROM lv)
     ORDER BY x.depth LIMIT 1)) AS ancestor_id
  FROM rd
), inreg AS (
  SELECT region_id FROM region_ancestors
  WHERE :region IS NULL OR ancestor_id = :region
), n AS (
  -- summed by region first, then by the region's ancestor at the level:
  -- one lookup in lvl per region, not per row
  SELECT coalesce(lvl.ancestor_id, a.region_id) AS rid,
         sum(a.needs) AS needs, sum(a.unmet) AS unmet,
         sum(a.recorded) AS recorded, sum(a.referrals) AS referrals
  FROM (SELECT region_id, sum(needs) AS needs,
               sum(CASE WHEN status = 'unmet' THEN needs ELSE 0 END) AS unmet,
               sum(CASE WHEN status IN ('met', 'partial', 'unmet') THEN needs
                   ELSE 0 END) AS recorded,
               sum(referrals) AS referrals
        FROM agg_needs
        WHERE month BETWEEN :from AND :to
          AND region_id IN (SELECT region_id FROM inreg)
          AND (:category IS NULL OR category = :category)
        GROUP BY region_id) a
  LEFT JOIN lvl ON lvl.region_id = a.region_id
  GROUP BY 1
), c AS (
  SELECT coalesce(lvl.ancestor_id, a.region_id) AS rid,
         sum(a.contacts) AS contacts
  FROM (SELECT region_id, sum(contacts) AS contacts FROM agg_contacts
        WHERE month BETWEEN :from AND :to
          AND region_id IN (SELECT region_id FROM inreg)
        GROUP BY region_id) a
  LEFT JOIN lvl ON lvl.region_id = a.region_id
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
