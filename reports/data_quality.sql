-- id: data_quality
-- order: 80
-- title: Data quality: rejected rows, field problems, missing values and unmapped codes
-- title.fr: Qualité des données : lignes rejetées, champs invalides, valeurs manquantes et codes non classés
-- about: For each batch loaded in the period: rows read and rejected,
--     rejected rows by column and reason, invalid optional fields; for the
--     period: missing values and needs whose code maps to no category.
-- about.fr: Pour chaque lot chargé dans la période : lignes lues et
--     rejetées, lignes rejetées par colonne et motif, champs facultatifs
--     invalides; pour la période : valeurs manquantes et besoins dont le
--     code ne correspond à aucune catégorie.
-- glossary: check | What is counted: a batch's rejected rows, rejected
--     rows by column and reason, invalid fields, missing values, unmapped
--     codes | Ce qui est compté : lignes rejetées d'un lot, lignes rejetées
--     par colonne et motif, champs invalides, valeurs manquantes, codes non
--     classés
-- glossary: batch | Number of the ingest batch (one file loaded) | Numéro
--     du lot de chargement (un fichier chargé)
-- glossary: file | Name of the file the batch loaded | Nom du fichier
--     chargé par le lot
-- glossary: field | Column or field concerned | Colonne ou champ concerné
-- glossary: detail | Reason, or the code that maps to no category | Motif,
--     ou le code qui ne correspond à aucune catégorie
-- glossary: count | Rows, contacts or needs counted by the check | Lignes,
--     contacts ou besoins comptés par le contrôle
-- glossary: share | The count divided by its base: rows read for a batch's
--     rows, contacts for missing values, needs for unmapped codes | Le nombre
--     divisé par sa base : lignes lues pour les lignes d'un lot, contacts pour
--     les valeurs manquantes, besoins pour les codes non classés
-- column: check text | Check | Contrôle
-- column: batch int measure | Batch | Lot
-- column: file text | File | Fichier
-- column: field text | Field | Champ
-- column: detail text | Detail | Détail
-- column: count int | Count | Nombre
-- column: share share decimals=1 | Share | Part
-- wilson: share = count / base noci
-- note: Every row read lands in one bucket: read = loaded + merged +
--     duplicate + dropped + blank + rejected.
-- note.fr: Chaque ligne lue tombe dans une seule case : lues = chargées
--     + fusionnées + en double + écartées + vides + rejetées.
-- note: Shares: of the rows read for a batch's rows, of the contacts for
--     missing values, of the needs for unmapped codes.  Batches are those
--     whose contacts overlap the period; their counts cover the whole
--     batch.
-- note.fr: Parts : des lignes lues pour les lignes d'un lot, des contacts
--     pour les valeurs manquantes, des besoins pour les codes non classés.
--     Les lots sont ceux dont les contacts chevauchent la période; leurs
--     nombres portent sur tout le lot.

WITH b AS (
  SELECT id, rows_read, rows_rejected,
         replace(file_name, rtrim(file_name, replace(file_name, '/', '')), '')
           AS file_name
  FROM batches
  WHERE date_min <= :to_date AND date_max >= :from_date
), inreg AS (
  SELECT region_id FROM region_ancestors
  WHERE :region IS NULL OR ancestor_id = :region
), c AS MATERIALIZED (
  SELECT sum(contacts) AS contacts,
         -- missing: not recorded ('') or recorded as unknown, alike for
         -- every field
         sum(CASE WHEN channel IN ('', 'unknown') THEN contacts ELSE 0 END)
           AS channel,
         sum(CASE WHEN language IN ('', 'unknown') THEN contacts ELSE 0 END)
           AS language,
         sum(CASE WHEN age_group IN ('', 'unknown') THEN contacts ELSE 0 END)
           AS age_group,
         sum(CASE WHEN gender IN ('', 'unknown') THEN contacts ELSE 0 END)
           AS gender,
         sum(CASE WHEN region_id = 'unknown' THEN contacts ELSE 0 END)
           AS region
  FROM agg_contacts
  WHERE month BETWEEN :from AND :to AND region_id IN (SELECT * FROM inreg)
), nd AS MATERIALIZED (
  SELECT sum(needs) AS needs,
         sum(CASE WHEN category = 'other' THEN needs ELSE 0 END) AS other
  FROM agg_needs
  WHERE month BETWEEN :from AND :to AND region_id IN (SELECT * FROM inreg)
), unm AS (
  -- nd first (CROSS JOIN keeps the order): no scan of the needs when the
  -- aggregates show no need in 'other'.
  SELECT coalesce(k.service, '(none)') AS code,
         -- term names when a licensed term file is loaded
         coalesce(k.service || ' ' || tm.name_en, k.service, '(none)')
           AS code_en,
         coalesce(k.service || ' ' || coalesce(tm.name_fr, tm.name_en),
                  k.service, '(aucun)') AS code_fr,
         count(*) AS n
  FROM nd CROSS JOIN needs n JOIN contacts t ON t.id = n.contact_id
  LEFT JOIN codes k ON k.id = n.code_id
  LEFT JOIN terms tm ON tm.code = k.service
  WHERE nd.other > 0 AND n.category = 'other'
    AND t.month BETWEEN :from AND :to
    AND t.region_id IN (SELECT * FROM inreg)
  GROUP BY 1, 2, 3
), bucket(o, en, fr) AS (
  -- every row read lands in exactly one of these (needstat-ingest(1))
  VALUES (1, 'all rows read', 'toutes les lignes lues'),
         (2, 'loaded', 'chargées'),
         (3, 'merged into an existing contact or need',
          'fusionnées dans un contact ou un besoin existant'),
         (4, 'duplicate (skipped)', 'en double (ignorées)'),
         (5, 'dropped by a profile rule', 'écartées par une règle du profil'),
         (6, 'blank (nothing to store)', 'vides (rien à enregistrer)'),
         (7, 'rejected', 'rejetées')
), acc AS (
  SELECT b.id, b.file_name, k.en, k.fr, x.rows_read AS base,
         CASE k.o WHEN 1 THEN x.rows_read WHEN 2 THEN x.rows_loaded
                  WHEN 3 THEN x.rows_merged WHEN 4 THEN x.rows_duplicate
                  WHEN 5 THEN x.rows_dropped WHEN 6 THEN x.rows_blank
                  ELSE x.rows_rejected END AS n
  FROM b JOIN batches x ON x.id = b.id CROSS JOIN bucket k
), bc0 AS MATERIALIZED (
  -- per batch: its contacts and those in no known region, counted in ONE
  -- pass over the contacts (no index on batch_id: each count is a scan
  -- of the table, and a GROUP BY over all batches would sort it)
  SELECT b.id, (SELECT json_array(count(*),
                                  coalesce(sum(t.region_id = 'unknown'), 0))
                FROM contacts t WHERE t.batch_id = b.id) AS j
  FROM b
), bc AS (
  SELECT id, j ->> 0 AS contacts, j ->> 1 AS unknown FROM bc0
), bq AS (
  -- per batch: blank and invalid need codes, target terms alone, dates
  -- rejected (of the rows read); contacts in no known region (of the
  -- batch's contacts)
  SELECT b.id, b.file_name, q.field, q.en, q.fr,
         CASE q.o WHEN 4 THEN bc.unknown
           ELSE (SELECT coalesce(sum(i.count), 0) FROM batch_issues i
                 WHERE i.batch_id = b.id AND i.column_name = q.field
                   AND i.kind = q.kind AND i.reason LIKE q.pat) END AS n,
         CASE q.o WHEN 4 THEN bc.contacts ELSE b.rows_read END AS base
  FROM b JOIN bc ON bc.id = b.id CROSS JOIN (
    SELECT 1 AS o, 'need_code' AS field, 'field' AS kind,
           'is blank%' AS pat, 'blank: a contact with no need' AS en,
           'vide : un contact sans besoin' AS fr
    UNION ALL SELECT 2, 'need_code', 'field', 'is not a taxonomy code%',
           'not a taxonomy code: kept as unclassified',
           'pas un code de la taxonomie : gardé non classé'
    UNION ALL SELECT 3, 'need_code', 'field', 'is a target term only%',
           'target term only (section Y)',
           'population cible seulement (section Y)'
    UNION ALL SELECT 4, 'region', NULL, NULL,
           'blank or unknown (share of the contacts)',
           'vide ou inconnue (part des contacts)'
    UNION ALL SELECT 5, 'started_at', 'reject', '%',
           'not a date or out of range: rejected',
           'pas une date ou hors limites : rejetée') q
), rows(sort, check_en, check_fr, batch, file, field, detail_en, detail_fr,
        count, base) AS (
  SELECT 0, 'Rows of the batch', 'Lignes du lot', id, file_name, NULL, en,
         fr, n, base FROM acc
  UNION ALL
  SELECT 1, 'Batch', 'Lot', id, file_name, NULL, 'rows rejected',
         'lignes rejetées', rows_rejected, rows_read FROM b
  UNION ALL
  SELECT 2, 'Rejected rows', 'Lignes rejetées', i.batch_id, b.file_name,
         i.column_name, i.reason, i.reason, i.count, b.rows_read
  FROM batch_issues i JOIN b ON b.id = i.batch_id WHERE i.kind = 'reject'
  UNION ALL
  SELECT 3, 'Invalid field, stored as unknown',
         'Champ invalide, enregistré comme inconnu', i.batch_id, b.file_name,
         i.column_name, i.reason, i.reason, i.count, b.rows_read
  FROM batch_issues i JOIN b ON b.id = i.batch_id WHERE i.kind = 'field'
  UNION ALL
  SELECT 4, 'Missing value', 'Valeur manquante', NULL, NULL, f.field,
         'not recorded or unknown', 'non consignée ou inconnue', f.n,
         c.contacts
  FROM c CROSS JOIN (
    SELECT 1 AS o, 'channel' AS field, channel AS n FROM c
    UNION ALL SELECT 2, 'language', language FROM c
    UNION ALL SELECT 3, 'age_group', age_group FROM c
    UNION ALL SELECT 4, 'gender', gender FROM c
    UNION ALL SELECT 5, 'region', region FROM c) f
  WHERE c.contacts > 0
  UNION ALL
  SELECT 5, 'Unmapped code (category Other)',
         'Code non classé (catégorie Autre)', NULL, NULL, 'need_code',
         unm.code_en, unm.code_fr, unm.n, nd.needs
  FROM unm CROSS JOIN nd
  UNION ALL
  SELECT 6, 'Share per batch', 'Part par lot', id, file_name, field, en, fr,
         n, base FROM bq
)
SELECT check_en AS "check", check_fr AS check_fr, batch, file, field,
       detail_en AS detail, detail_fr, count, base
FROM rows
ORDER BY sort, batch, count DESC, field, detail;
