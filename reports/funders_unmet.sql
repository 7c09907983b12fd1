-- id: funders_unmet
-- order: 30
-- title: Unmet needs by region and category, for funders
-- title.fr: Besoins non comblés par région et catégorie, pour les bailleurs de fonds
-- about: Unmet needs by region and category with their reasons and the
--     rate per 10,000 population, small counts suppressed for publication.
-- about.fr: Besoins non comblés par région et catégorie avec leurs motifs
--     et le taux pour 10 000 habitants, petits effectifs masqués pour
--     publication.
-- glossary: region | Region where the contacts are located (from their
--     postal code, or the region given in the export), at the report's level;
--     Unknown location when neither says | Région où se trouvent les contacts
--     (selon leur code postal, ou la région donnée dans l'export), au niveau
--     du rapport ; Lieu inconnu quand ni l'un ni l'autre ne l'indique
-- glossary: category | Category of need (the reporting categories of the
--     category map); All categories on the total row | Catégorie de besoin
--     (les catégories de rapport de la table de classement) ; Toutes les
--     catégories sur la ligne du total
-- glossary: unmet | Needs recorded as unmet (partly met needs are not
--     counted) | Besoins consignés comme non comblés (les besoins
--     partiellement comblés ne sont pas comptés)
-- glossary: no_service | Unmet needs whose reason is that no service
--     exists | Besoins non comblés parce qu'aucun service n'existe
-- glossary: waitlist | Unmet needs whose reason is a wait list or no
--     capacity | Besoins non comblés pour cause de liste d'attente ou de
--     capacité atteinte
-- glossary: ineligible | Unmet needs whose reason is that the caller is
--     not eligible | Besoins non comblés parce que le demandeur n'est pas
--     admissible
-- glossary: cost | Unmet needs whose reason is cost or funds exhausted |
--     Besoins non comblés pour cause de coût ou de fonds épuisés
-- glossary: other | Unmet needs with another reason (declined, other) or
--     none given | Besoins non comblés pour un autre motif (refus, autre) ou
--     sans motif précisé
-- glossary: population | Population of the region in the population file
--     loaded (its year and source are in the notes) | Population de la région
--     dans le fichier de population chargé (son année et sa source sont dans
--     les notes)
-- glossary: rate | Unmet needs per 10,000 population of the region |
--     Besoins non comblés pour 10 000 habitants de la région
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
-- column: category text | Category | Catégorie
-- column: unmet int | Unmet needs | Besoins non comblés
-- column: no_service int | No service exists | Aucun service
-- column: waitlist int | Wait list or no capacity | Liste d'attente ou capacité atteinte
-- column: ineligible int | Not eligible | Non admissible
-- column: cost int | Cost or funds exhausted | Coût ou fonds épuisés
-- column: other int | Other or not given | Autre ou non précisé
-- column: population int | Population | Population
-- column: rate rate decimals=2 | Unmet needs rate | Taux de besoins non comblés
-- matrix: region x category
-- total: region | All regions | Toutes les régions
-- total: category | All categories | Toutes les catégories
-- population: population = region_id
-- rate: rate = unmet / population
-- suppress: unmet no_service waitlist ineligible cost other
-- sum: unmet = no_service + waitlist + ineligible + cost + other
-- chart: hbar category unmet
-- note: Unmet needs are needs recorded as unmet; partly met needs are not
--     counted.  Reasons are grouped: wait list with no capacity, cost with
--     funds exhausted, other with declined and not given.  Regions of another
--     country than the level's (US states in a province table) are counted
--     at their country.
-- note.fr: Les besoins non comblés sont ceux consignés comme non comblés;
--     les besoins partiellement comblés ne sont pas comptés.  Motifs
--     regroupés : liste d'attente avec capacité atteinte, coût avec fonds
--     épuisés, autre avec refus et motif non précisé.  Les régions d'un
--     autre pays que celui du niveau (les États américains dans un tableau
--     par province) sont comptées à leur pays.

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
), base AS MATERIALIZED (
  -- the period's needs by cell, status and reason, read once for the
  -- four uses below
  SELECT coalesce(lvl.ancestor_id, a.region_id) AS rid, a.category,
         a.status, a.reason, sum(a.needs) AS needs
  FROM agg_needs a LEFT JOIN lvl ON lvl.region_id = a.region_id
  WHERE a.month BETWEEN :from AND :to
    AND (:region IS NULL OR a.region_id IN
         (SELECT region_id FROM region_ancestors WHERE ancestor_id = :region))
    AND (:category IS NULL OR a.category = :category)
  GROUP BY 1, 2, 3, 4
), u AS (
  SELECT rid, category, sum(needs) AS unmet,
         sum(CASE WHEN reason = 'no_service' THEN needs ELSE 0 END)
           AS no_service,
         sum(CASE WHEN reason IN ('waitlist', 'capacity') THEN needs ELSE 0 END)
           AS waitlist,
         sum(CASE WHEN reason = 'ineligible' THEN needs ELSE 0 END)
           AS ineligible,
         sum(CASE WHEN reason IN ('cost', 'funds_exhausted') THEN needs
             ELSE 0 END) AS cost,
         sum(CASE WHEN reason NOT IN ('no_service', 'waitlist', 'capacity',
                                      'ineligible', 'cost', 'funds_exhausted')
             THEN needs ELSE 0 END) AS other
  FROM base WHERE status = 'unmet'
  GROUP BY rid, category
), rec AS (
  -- a cell with needs but none with a recorded status (requests-only
  -- exports) is "not recorded", not 0
  SELECT rid, category,
         sum(CASE WHEN status IN ('met', 'partial', 'unmet') THEN needs
             ELSE 0 END) AS recorded,
         max(status IN ('met', 'partial', 'unmet')) = 0 AS nr
  FROM base GROUP BY rid, category
), rg AS (
  SELECT DISTINCT rid FROM base
), ct AS (
  SELECT DISTINCT category FROM base
)
SELECT g.name_en AS region, g.name_fr AS region_fr, rg.rid AS region_id,
       k.name_en AS category, k.name_fr AS category_fr,
       CASE WHEN coalesce(rec.nr, 0) = 0 THEN coalesce(u.unmet, 0) END AS unmet,
       CASE WHEN coalesce(rec.nr, 0) = 0 THEN coalesce(u.no_service, 0)
         END AS no_service,
       CASE WHEN coalesce(rec.nr, 0) = 0 THEN coalesce(u.waitlist, 0) END
         AS waitlist,
       CASE WHEN coalesce(rec.nr, 0) = 0 THEN coalesce(u.ineligible, 0)
         END AS ineligible,
       CASE WHEN coalesce(rec.nr, 0) = 0 THEN coalesce(u.cost, 0) END AS cost,
       CASE WHEN coalesce(rec.nr, 0) = 0 THEN coalesce(u.other, 0) END AS other,
       coalesce(rec.recorded, 0) AS recorded,
       -- NULL for a cell without needs: the totals take 'not_recorded'
       -- when every cell with needs has it
       CASE WHEN rec.nr THEN 'not_recorded' WHEN NOT rec.nr THEN '' END AS na
FROM rg CROSS JOIN ct
JOIN regions g ON g.id = rg.rid
JOIN categories k ON k.id = ct.category
LEFT JOIN u ON u.rid = rg.rid AND u.category = ct.category
LEFT JOIN rec ON rec.rid = rg.rid AND rec.category = ct.category
ORDER BY rg.rid = 'unknown', g.level, g.name_en, k.sort;
