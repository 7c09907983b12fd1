-- id: referrals_top
-- order: 50
-- title: Organisations referred to: top N overall and by category
-- title.fr: Organismes vers lesquels les demandeurs sont dirigés : N premiers, au total et par catégorie
-- about: The organisations (agencies) that received the most referrals,
--     overall and within each category of need: referrals received, as
--     named in the contact logs.
-- about.fr: Les organismes qui ont reçu le plus de références, au total et
--     dans chaque catégorie de besoin : références reçues, telles que
--     nommées dans les journaux de contacts.
-- glossary: scope | Category of need (the reporting categories of the
--     category map); All categories on the total row | Catégorie de besoin
--     (les catégories de rapport de la table de classement) ; Toutes les
--     catégories sur la ligne du total
-- glossary: rank | Position in the list, 1 first, in the order the report
--     ranks by | Position dans la liste, 1 en tête, dans l'ordre de classement
--     du rapport
-- glossary: agency | Organisation (agency) a need was referred to, as
--     named in the contact logs | Organisme vers lequel un besoin a été
--     dirigé, tel que nommé dans les journaux de contacts
-- glossary: referrals | Referrals that an organisation received: needs
--     referred to it, each need counted once per organisation | Références
--     qu'un organisme a reçues : besoins dirigés vers lui, chaque besoin
--     compté une fois par organisme
-- glossary: share | The organisation's referrals received divided by all
--     the referrals received in the category (named organisations only) |
--     Références reçues par l'organisme divisées par toutes les références
--     reçues dans la catégorie (organismes nommés seulement)
-- param: top int 10 | how many organisations per list | nombre
--     d'organismes par liste
-- column: scope text | Category | Catégorie
-- column: rank int measure | Rank | Rang
-- column: agency text | Organisation | Organisme
-- column: referrals int | Referrals received | Références reçues
-- column: share share decimals=1 | Share of the category's referrals received | Part des références reçues dans la catégorie
-- wilson: share = referrals / scope_total noci
-- suppress: referrals
-- chart: hbar agency referrals
-- note: Organisations as named in the contact logs; one referral of a
--     need to an organisation counts once.
-- note.fr: Organismes tels que nommés dans les journaux de contacts; une
--     référence d'un besoin vers un organisme compte une fois.
-- note.sql: WITH r AS (SELECT a.category, a.agency, sum(a.referrals) AS k
--     FROM agg_referrals a WHERE a.month BETWEEN :from AND :to AND
--     (:region IS NULL OR a.region_id IN (SELECT region_id FROM
--     region_ancestors WHERE ancestor_id = :region)) AND (:category IS NULL
--     OR a.category = :category) GROUP BY a.category, a.agency), scoped AS
--     (SELECT category, agency, k FROM r UNION ALL SELECT NULL, agency,
--     sum(k) FROM r GROUP BY agency), ranked AS (SELECT category, rank()
--     OVER (PARTITION BY category ORDER BY k DESC) AS rank FROM scoped),
--     kept AS (SELECT category, count(*) AS n FROM ranked WHERE rank <= :top
--     GROUP BY category HAVING count(*) > :top) SELECT printf('Organisations
--     tied at the cut-off are all kept, with the same rank: %d %s more than
--     %d organisations (%d more in all).', count(*), CASE count(*) WHEN 1
--     THEN 'list holds' ELSE 'lists hold' END, :top, sum(n) - count(*) *
--     :top), printf('Les organismes à égalité au seuil sont tous gardés,
--     avec le même rang : %d %s plus de %d organismes (%d de plus en
--     tout).', count(*), CASE count(*) WHEN 1 THEN 'liste compte' ELSE
--     'listes comptent' END, :top, sum(n) - count(*) * :top) FROM kept
--     HAVING count(*) > 0

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
         rank() OVER (PARTITION BY category ORDER BY k DESC) AS rank
  FROM scoped
)
SELECT coalesce(g.name_en, 'All categories') AS scope,
       coalesce(g.name_fr, 'Toutes les catégories') AS scope_fr,
       ranked.rank, ranked.agency, ranked.k AS referrals, ranked.scope_total
FROM ranked LEFT JOIN categories g ON g.id = ranked.category
WHERE ranked.rank <= :top
ORDER BY ranked.category IS NOT NULL, g.sort, ranked.rank, ranked.agency;
