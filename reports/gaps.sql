-- id: gaps
-- order: 90
-- title: Gap analysis: needs left unmet because no service exists
-- title.fr: Analyse des lacunes : besoins non comblés faute de service
-- about: Unmet and partly met needs whose reason is that no service exists,
--     by region and category, ranked: where resources are missing.
-- about.fr: Besoins non comblés ou partiellement comblés faute de service
--     existant, par région et catégorie, classés : là où les ressources
--     manquent.
-- param: level text province | region level to report on | niveau de région
-- param: top int 25 | how many region and category pairs | nombre de paires
--     région et catégorie
-- column: rank int measure | Rank | Rang
-- column: region text | Region | Région
-- column: category text | Category | Catégorie
-- column: no_service int | No service exists | Aucun service
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
--     needs not fully met in the same region and category.
-- note.fr: Classement selon le nombre de besoins sans service; la part est
--     celle des besoins non entièrement comblés de la même région et
--     catégorie.
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

WITH lvl AS (
  SELECT ra.region_id, ra.ancestor_id
  FROM region_ancestors ra JOIN regions g ON g.id = ra.ancestor_id
  WHERE g.level = :level
), cell AS (
  SELECT coalesce(lvl.ancestor_id, a.region_id) AS rid, a.category,
         sum(CASE WHEN a.reason = 'no_service' THEN a.needs ELSE 0 END)
           AS no_service,
         sum(a.needs) AS not_met
  FROM agg_needs a LEFT JOIN lvl ON lvl.region_id = a.region_id
  WHERE a.month BETWEEN :from AND :to AND a.status IN ('unmet', 'partial')
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
       k.name_en AS category, k.name_fr AS category_fr, r.no_service, r.not_met
FROM ranked r JOIN regions g ON g.id = r.rid
JOIN categories k ON k.id = r.category
WHERE r.rank <= :top
ORDER BY r.rank, r.rid, r.category;
