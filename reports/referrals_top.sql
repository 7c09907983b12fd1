-- id: referrals_top
-- order: 50
-- title: Organisations referred to: top N overall and by category
-- title.fr: Organismes vers lesquels les demandeurs sont dirigés : N premiers, au total et par catégorie
-- about: The organisations (agencies) that received the most referrals,
--     overall and within each category of need.
-- about.fr: Les organismes qui ont reçu le plus de références, au total et
--     dans chaque catégorie de besoin.
-- param: top int 10 | how many organisations per list | nombre
--     d'organismes par liste
-- column: scope text | Category | Catégorie
-- column: rank int measure | Rank | Rang
-- column: agency text | Organisation | Organisme
-- column: referrals int | Referrals | Références
-- column: share share decimals=1 | Share of the category's referrals | Part des références de la catégorie
-- wilson: share = referrals / scope_total noci
-- suppress: referrals
-- chart: hbar agency referrals
-- note: Organisations as named in the contact logs; one referral of a
--     need to an organisation counts once.
-- note.fr: Organismes tels que nommés dans les journaux de contacts; une
--     référence d'un besoin vers un organisme compte une fois.

WITH r AS MATERIALIZED (
  SELECT a.category, a.agency, sum(a.referrals) AS k
  FROM agg_referrals a
  WHERE a.month BETWEEN :from AND :to
    AND (:region IS NULL OR a.region_id IN
         (SELECT region_id FROM region_ancestors WHERE ancestor_id = :region))
    AND (:category IS NULL OR a.category = :category)
  GROUP BY a.category, a.agency
), scoped AS (
  SELECT category, agency, k FROM r
  UNION ALL
  SELECT NULL, agency, sum(k) FROM r GROUP BY agency
), ranked AS (
  SELECT category, agency, k,
         sum(k) OVER (PARTITION BY category) AS scope_total,
         row_number() OVER (PARTITION BY category ORDER BY k DESC, agency)
           AS rank
  FROM scoped
)
SELECT coalesce(g.name_en, 'All categories') AS scope,
       coalesce(g.name_fr, 'Toutes les catégories') AS scope_fr,
       ranked.rank, ranked.agency, ranked.k AS referrals, ranked.scope_total
FROM ranked LEFT JOIN categories g ON g.id = ranked.category
WHERE ranked.rank <= :top
ORDER BY ranked.category IS NOT NULL, g.sort, ranked.rank;
