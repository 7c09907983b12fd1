-- id: needs_status
-- order: 20
-- title: Needs met, partly met and unmet, by category
-- title.fr: Besoins comblés, partiellement comblés et non comblés, par catégorie
-- about: Needs by outcome for each reporting category, with the share of
--     needs left unmet and its 95% Wilson interval.
-- about.fr: Besoins selon leur issue pour chaque catégorie, avec la part
--     des besoins non comblés et son intervalle de Wilson à 95 %.
-- glossary: category | Category of need (the reporting categories of the
--     category map); All categories on the total row | Catégorie de besoin
--     (les catégories de rapport de la table de classement) ; Toutes les
--     catégories sur la ligne du total
-- glossary: needs | Needs recorded during the contacts, each in one
--     category | Besoins consignés lors des contacts, chacun dans une
--     catégorie
-- glossary: met | Needs recorded as met | Besoins consignés comme comblés
-- glossary: partial | Needs recorded as partly met | Besoins consignés
--     comme partiellement comblés
-- glossary: unmet | Needs recorded as unmet (partly met needs are not
--     counted) | Besoins consignés comme non comblés (les besoins
--     partiellement comblés ne sont pas comptés)
-- glossary: unmet_share | Unmet needs divided by the needs whose outcome
--     is recorded (met, partly met or unmet) | Besoins non comblés divisés par
--     les besoins dont l'issue est consignée (comblés, partiellement comblés
--     ou non comblés)
-- column: category text | Category | Catégorie
-- column: needs int | Needs | Besoins
-- column: met int | Met | Comblés
-- column: partial int | Partly met | Partiellement comblés
-- column: unmet int | Unmet | Non comblés
-- column: unmet_share share decimals=1 | Unmet share | Part non comblée
-- wilson: unmet_share = unmet / recorded
-- chart: stacked_bar category met partial unmet
-- note: The unmet share is unmet / (met + partly met + unmet).
-- note.fr: La part non comblée est non comblés / (comblés + partiellement
--     comblés + non comblés).

WITH a AS (
  SELECT category, status, sum(needs) AS n
  FROM agg_needs
  WHERE month BETWEEN :from AND :to
    AND (:region IS NULL OR region_id IN
         (SELECT region_id FROM region_ancestors WHERE ancestor_id = :region))
    AND (:category IS NULL OR category = :category)
  GROUP BY category, status
), c AS (
  SELECT category,
         sum(n) AS needs,
         sum(CASE WHEN status = 'met' THEN n ELSE 0 END) AS met,
         sum(CASE WHEN status = 'partial' THEN n ELSE 0 END) AS partial,
         sum(CASE WHEN status = 'unmet' THEN n ELSE 0 END) AS unmet,
         sum(CASE WHEN status IN ('met', 'partial', 'unmet') THEN n ELSE 0 END)
           AS recorded
  FROM a GROUP BY category
)
-- a category whose needs all lack a status: "not recorded", never 0
SELECT k.name_en AS category, k.name_fr AS category_fr, c.needs,
       CASE WHEN c.recorded > 0 OR c.needs = 0 THEN c.met END AS met,
       CASE WHEN c.recorded > 0 OR c.needs = 0 THEN c.partial END AS partial,
       CASE WHEN c.recorded > 0 OR c.needs = 0 THEN c.unmet END AS unmet,
       c.recorded,
       CASE WHEN c.recorded = 0 AND c.needs > 0 THEN 'not_recorded' END AS na,
       0 AS total_row, k.sort AS sort
FROM c JOIN categories k ON k.id = c.category
UNION ALL
SELECT 'All categories', 'Toutes les catégories', sum(needs),
       CASE WHEN sum(recorded) > 0 OR sum(needs) = 0 THEN sum(met) END,
       CASE WHEN sum(recorded) > 0 OR sum(needs) = 0 THEN sum(partial) END,
       CASE WHEN sum(recorded) > 0 OR sum(needs) = 0 THEN sum(unmet) END,
       sum(recorded),
       CASE WHEN sum(recorded) = 0 AND sum(needs) > 0 THEN 'not_recorded' END,
       1, 1000000
FROM c HAVING count(*) > 0
ORDER BY total_row, sort;
