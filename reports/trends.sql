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
--     featured=all shows every category; --category one).  A rolling sum or
--     a comparison that would reach back before the first month of data is
--     left empty.
-- note.fr: Le logement et l'insécurité alimentaire sont en vedette par
--     défaut (-p featured=all montre toutes les catégories; --category une
--     seule).  Une somme mobile ou une comparaison qui remonterait avant le
--     premier mois de données est laissée vide.

WITH RECURSIVE months(m) AS (
  SELECT :prev_from
  UNION ALL
  SELECT CASE WHEN m % 100 = 12 THEN m + 89 ELSE m + 1 END
  FROM months WHERE m < :to
), first AS (
  SELECT min(month) AS m FROM agg_needs
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
), grid AS (
  SELECT months.m, s.id, s.name_en, s.name_fr, s.sort,
         (SELECT coalesce(sum(a.n), 0) FROM a
          WHERE a.month = months.m AND (s.id = '*' OR a.category = s.id))
           AS needs,
         (months.m / 100) * 12 + months.m % 100 AS k
  FROM months CROSS JOIN series s
), w AS (
  SELECT grid.*,
         sum(needs) OVER (PARTITION BY id ORDER BY m
                          ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) AS roll,
         lag(needs, 12) OVER (PARTITION BY id ORDER BY m) AS prev
  FROM grid
)
SELECT w.name_en AS category, w.name_fr AS category_fr, w.m AS month,
       w.needs,
       CASE WHEN w.k - 11 >= (first.m / 100) * 12 + first.m % 100
            THEN w.roll END AS rolling_12,
       CASE WHEN w.k - 12 >= (first.m / 100) * 12 + first.m % 100
            THEN w.prev END AS needs_prev
FROM w CROSS JOIN first
WHERE w.m >= :from
ORDER BY w.sort, w.m;
