-- id: trends
-- order: 70
-- title: Trends: needs by month, 12-month rolling sums and year-over-year change
-- title.fr: Tendances : besoins par mois, sommes mobiles sur 12 mois et variation annuelle
-- about: Monthly needs for all needs and the featured categories (housing
--     and food by default), their 12-month rolling sums, and the change
--     from the same month a year earlier with a rate-ratio test.
-- about.fr: Besoins mensuels, tous besoins confondus et pour les catégories
--     en vedette (logement et alimentation par défaut), leurs sommes mobiles
--     sur 12 mois et la variation par rapport au même mois un an plus tôt,
--     avec un test du rapport de taux.
-- glossary: category | All needs, or one featured category of need | Tous
--     les besoins, ou une catégorie de besoin en vedette
-- glossary: month | Calendar month, by the local date of each contact |
--     Mois civil, selon la date locale de chaque contact
-- glossary: needs | Needs recorded during the contacts, each in one
--     category | Besoins consignés lors des contacts, chacun dans une
--     catégorie
-- glossary: rolling_12 | Needs of the 12 months ending with this month |
--     Besoins des 12 mois se terminant par ce mois
-- glossary: needs_prev | Needs of the same month a year earlier | Besoins
--     du même mois un an plus tôt
-- glossary: change | Needs divided by the needs of the same month a year
--     earlier, minus 1 | Besoins divisés par les besoins du même mois un an
--     plus tôt, moins 1
-- glossary: significant | Yes when the 95% interval of the change excludes
--     no change | Oui quand l'intervalle à 95 % de la variation exclut
--     l'absence de changement
-- param: featured text housing,food | categories shown besides all needs
--     (comma-separated ids, or all) | catégories présentées en plus de
--     l'ensemble (identifiants séparés par des virgules, ou all)
-- values.sql: featured list SELECT 'all' UNION ALL
--     SELECT id FROM (SELECT id FROM categories ORDER BY sort, id)
-- column: category text | Series | Série
-- column: month month | Month | Mois
-- column: needs int | Needs | Besoins
-- column: rolling_12 int | 12-month rolling sum | Somme mobile sur 12 mois
-- column: needs_prev int | Same month a year earlier | Même mois un an plus tôt
-- column: change share decimals=1 | Year-over-year change | Variation annuelle
-- column: significant text measure | Significant | Significative
-- yoy: change = needs / needs_prev flag=significant
-- chart: line month needs series=category
-- note: Housing and food insecurity are featured by default (-p
--     featured=all shows every category; --category one).  A rolling sum
--     that would include a month with no data is left empty.
-- note.fr: Le logement et l'insécurité alimentaire sont en vedette par
--     défaut (-p featured=all montre toutes les catégories; --category une
--     seule).  Une somme mobile qui comprendrait un mois sans données est
--     laissée vide.

WITH RECURSIVE months(m) AS (
  SELECT :prev_from WHERE :prev_from > 0
  UNION ALL
  SELECT CASE WHEN m % 100 = 12 THEN m + 89 ELSE m + 1 END
  FROM months WHERE m < :to
), series(id, name_en, name_fr, sort) AS (
  SELECT '*', 'All needs', 'Tous les besoins', 0 WHERE :category IS NULL
  UNION ALL
  SELECT id, name_en, name_fr, sort FROM categories
  WHERE (:category IS NOT NULL AND id = :category)
     OR (:category IS NULL AND (:featured = 'all' OR
         instr(',' || replace(:featured, ' ', '') || ',', ',' || id || ',') > 0))
), a AS (
  SELECT month, category, sum(needs) AS n
  FROM agg_needs
  WHERE month BETWEEN :prev_from AND :to
    AND (:region IS NULL OR region_id IN
         (SELECT region_id FROM region_ancestors WHERE ancestor_id = :region))
  GROUP BY month, category
), cov AS (
  -- a month is covered when a batch's dates overlap it (volume lists the
  -- same months); one that is not has no data, not 0 needs
  SELECT m, EXISTS (SELECT 1 FROM agg_needs WHERE month = m) OR EXISTS (
           SELECT 1 FROM batches b
           WHERE b.date_min <= printf('%04d-%02d-31', m / 100, m % 100)
             AND b.date_max >= printf('%04d-%02d-01', m / 100, m % 100))
           AS covered
  FROM months
), grid AS (
  SELECT cov.m, cov.covered, s.id, s.name_en, s.name_fr, s.sort,
         CASE WHEN cov.covered THEN
           (SELECT coalesce(sum(a.n), 0) FROM a
            WHERE a.month = cov.m AND (s.id = '*' OR a.category = s.id))
         END AS needs
  FROM cov CROSS JOIN series s
), w AS (
  SELECT grid.*,
         sum(needs) OVER (PARTITION BY id ORDER BY m
                          ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) AS roll,
         sum(covered) OVER (PARTITION BY id ORDER BY m
                            ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
           AS roll_covered,
         lag(needs, 12) OVER (PARTITION BY id ORDER BY m) AS prev,
         lag(covered, 12) OVER (PARTITION BY id ORDER BY m) AS prev_covered
  FROM grid
)
SELECT w.name_en AS category, w.name_fr AS category_fr, w.m AS month,
       w.needs,
       -- a rolling sum needs its 12 months; a comparison, the month a
       -- year earlier
       CASE WHEN w.roll_covered = 12 THEN w.roll END AS rolling_12,
       w.prev AS needs_prev,
       CASE WHEN NOT w.covered THEN 'no_data' END AS na,
       '' AS rolling_12_na,
       CASE WHEN NOT w.prev_covered THEN 'no_data' END AS needs_prev_na
FROM w
WHERE w.m >= :from
ORDER BY w.sort, w.m;
