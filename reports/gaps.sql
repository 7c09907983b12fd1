-- id: gaps
-- order: 90
-- title: Gap analysis: needs left unmet because no service exists
-- title.fr: Analyse des lacunes : besoins non comblés faute de service
-- about: Unmet and partly met needs whose reason is that no service exists,
--     by region and category, ranked: where resources are missing.
-- about.fr: Besoins non comblés ou partiellement comblés faute de service
--     existant, par région et catégorie, classés : là où les ressources
--     manquent.
-- glossary: rank | Position in the list, 1 first, in the order the report
--     ranks by | Position dans la liste, 1 en tête, dans l'ordre de classement
--     du rapport
-- glossary: region | Region where the contacts are located (from their
--     postal code, or the region given in the export), at the report's level;
--     Unknown location when neither says | Région où se trouvent les contacts
--     (selon leur code postal, ou la région donnée dans l'export), au niveau
--     du rapport ; Lieu inconnu quand ni l'un ni l'autre ne l'indique
-- glossary: category | Category of need (the reporting categories of the
--     category map); All categories on the total row | Catégorie de besoin
--     (les catégories de rapport de la table de classement) ; Toutes les
--     catégories sur la ligne du total
-- glossary: no_service | Needs not fully met (unmet or partly met) whose
--     reason is that no service exists | Besoins non entièrement comblés (non
--     comblés ou partiellement comblés) parce qu'aucun service n'existe
-- glossary: not_met | Needs recorded as unmet or partly met | Besoins
--     consignés comme non comblés ou partiellement comblés
-- glossary: no_service_share | Not fully met with no service divided by
--     unmet or partly met, in the same region and category | Non entièrement
--     comblés sans service divisés par les non comblés ou partiellement
--     comblés, dans la même région et catégorie
-- glossary: population | Population of the region in the population file
--     loaded (its year and source are in the notes) | Population de la région
--     dans le fichier de population chargé (son année et sa source sont dans
--     les notes)
-- glossary: rate | Needs not fully met with no service per 10,000
--     population of the region | Besoins non entièrement comblés sans service
--     pour 10 000 habitants de la région
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
-- param: top int 25 | how many region and category pairs | nombre de paires
--     région et catégorie
-- column: rank int measure | Rank | Rang
-- column: region text | Region | Région
-- column: category text | Category | Catégorie
-- column: no_service int | Not fully met, no service | Non entièrement comblés, aucun service
-- column: not_met int | Unmet or partly met | Non comblés ou partiellement
-- column: no_service_share share decimals=1 | Share with no service | Part sans service
-- column: population int | Population | Population
-- column: rate rate decimals=2 | No-service rate | Taux sans service
-- wilson: no_service_share = no_service / not_met
-- population: population = region_id
-- rate: rate = no_service / population noci
-- suppress: no_service not_met
-- chart: hbar category no_service
-- note: Ranked by the number of needs with no service; the share is of the
--     needs not fully met in the same region and category.  Regions of another
--     country than the level's (US states in a province table) are counted
--     at their country.
-- note.fr: Classement selon le nombre de besoins sans service; la part est
--     celle des besoins non entièrement comblés de la même région et
--     catégorie.  Les régions d'un
--     autre pays que celui du niveau (les États américains dans un tableau
--     par province) sont comptées à leur pays.
-- note.sql: WITH lvl AS (SELECT ra.region_id, ra.ancestor_id FROM
--     region_ancestors ra JOIN regions g ON g.id = ra.ancestor_id WHERE
--     g.level = :level), cell AS (SELECT coalesce(lvl.ancestor_id,
--     a.region_id) AS rid, a.category, sum(CASE WHEN a.reason = 'no_service'
--     THEN a.needs ELSE 0 END) AS no_service, sum(a.needs) AS not_met FROM
--     agg_needs a LEFT JOIN lvl ON lvl.region_id = a.region_id WHERE a.month
--     BETWEEN :from AND :to AND a.status IN ('unmet', 'partial') AND
--     (:region IS NULL OR a.region_id IN (SELECT region_id FROM
--     region_ancestors WHERE ancestor_id = :region)) AND (:category IS NULL
--     OR a.category = :category) GROUP BY 1, 2), ranked AS (SELECT rank()
--     OVER (ORDER BY no_service DESC, not_met DESC) AS rank FROM cell WHERE
--     no_service > 0), kept AS (SELECT count(*) AS n FROM ranked WHERE rank
--     <= :top) SELECT printf('Pairs tied at the cut-off are all kept, with
--     the same rank: the list holds %d pairs, not %d.', n, :top),
--     printf('Les paires à égalité au seuil sont toutes gardées, avec le
--     même rang : la liste compte %d paires, et non %d.', n, :top) FROM kept
--     WHERE n > :top

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
), cell AS (
  SELECT coalesce(lvl.ancestor_id, a.region_id) AS rid, a.category,
         sum(CASE WHEN a.status IN ('unmet', 'partial')
                   AND a.reason = 'no_service' THEN a.needs ELSE 0 END)
           AS no_service,
         sum(CASE WHEN a.status IN ('unmet', 'partial') THEN a.needs
             ELSE 0 END) AS not_met,
         -- needs with a recorded status (requests-only exports have none)
         sum(CASE WHEN a.status IN ('met', 'partial', 'unmet') THEN a.needs
             ELSE 0 END) AS recorded
  FROM agg_needs a LEFT JOIN lvl ON lvl.region_id = a.region_id
  WHERE a.month BETWEEN :from AND :to
    AND (:region IS NULL OR a.region_id IN
         (SELECT region_id FROM region_ancestors WHERE ancestor_id = :region))
    AND (:category IS NULL OR a.category = :category)
  GROUP BY 1, 2
), ranked AS (
  SELECT cell.*, rank() OVER (ORDER BY no_service DESC, not_met DESC)
           AS rank
  FROM cell WHERE no_service > 0
)
SELECT r.rank, g.name_en AS region, g.name_fr AS region_fr, r.rid AS region_id,
       k.name_en AS category, k.name_fr AS category_fr, r.no_service, r.not_met,
       r.recorded
FROM ranked r JOIN regions g ON g.id = r.rid
JOIN categories k ON k.id = r.category
WHERE r.rank <= :top
ORDER BY r.rank, r.rid, r.category;
