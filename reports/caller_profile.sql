-- id: caller_profile
-- order: 40
-- title: Caller profile: age group, gender, language and channel
-- title.fr: Profil des demandeurs : groupe d'âge, genre, langue et mode de contact
-- about: Contacts by age group, gender, language and channel, with each
--     value's share of the period's contacts.
-- about.fr: Contacts par groupe d'âge, genre, langue et mode de contact,
--     avec la part de chaque valeur dans les contacts de la période.
-- glossary: dimension | The characteristic described: age group, gender,
--     language or channel | La caractéristique décrite : groupe d'âge, genre,
--     langue ou mode de contact
-- glossary: value | A value of the characteristic; Not recorded when the
--     export left it blank, Unknown when it says unknown or gives a value that
--     could not be mapped | Une valeur de la caractéristique ; Non consigné
--     quand l'export l'a laissée vide, Inconnu quand il indique inconnu ou une
--     valeur qui n'a pas pu être mise en correspondance
-- glossary: contacts | Contacts with the helpline (calls, texts, chats,
--     emails, web forms, visits); one contact may bring several needs |
--     Contacts avec le service (appels, textos, clavardages, courriels,
--     formulaires web, visites) ; un contact peut apporter plusieurs besoins
-- glossary: share | Contacts with this value divided by all the contacts
--     of the period | Contacts ayant cette valeur divisés par tous les
--     contacts de la période
-- column: dimension text | Characteristic | Caractéristique
-- column: value text | Value | Valeur
-- column: contacts int | Contacts | Contacts
-- column: share share decimals=1 | Share of contacts | Part des contacts
-- wilson: share = contacts / all_contacts
-- suppress: contacts
-- group: contacts by dimension = all_contacts
-- chart: hbar value contacts
-- note: Not recorded: the export left the field blank.  Unknown: the
--     export says unknown, or gives a value that could not be mapped.
-- note.fr: Non consigné : l'export a laissé le champ vide.  Inconnu :
--     l'export indique inconnu, ou donne une valeur qui n'a pas pu être
--     mise en correspondance.

WITH f AS MATERIALIZED (
  SELECT age_group, gender, language, channel, sum(contacts) AS c
  FROM agg_contacts
  WHERE month BETWEEN :from AND :to
    AND (:region IS NULL OR region_id IN
         (SELECT region_id FROM region_ancestors WHERE ancestor_id = :region))
  GROUP BY age_group, gender, language, channel
), tot AS (
  SELECT sum(c) AS all_contacts FROM f
), labels(dim, code, en, fr, sort) AS (VALUES
  (1, 'woman', 'Woman', 'Femme', 1), (1, 'man', 'Man', 'Homme', 2),
  (1, 'non-binary', 'Non-binary', 'Non binaire', 3),
  (2, 'en', 'English', 'Anglais', 1), (2, 'fr', 'French', 'Français', 2),
  (2, 'es', 'Spanish', 'Espagnol', 3), (2, 'ar', 'Arabic', 'Arabe', 3),
  (2, 'zh', 'Chinese', 'Chinois', 3), (2, 'pa', 'Punjabi', 'Pendjabi', 3),
  (2, 'tl', 'Tagalog', 'Tagalog', 3), (2, 'uk', 'Ukrainian', 'Ukrainien', 3),
  (2, 'iu', 'Inuktitut', 'Inuktitut', 3), (2, 'de', 'German', 'Allemand', 3),
  (2, 'it', 'Italian', 'Italien', 3), (2, 'pt', 'Portuguese', 'Portugais', 3),
  (2, 'fa', 'Persian', 'Persan', 3), (2, 'ru', 'Russian', 'Russe', 3),
  (2, 'hi', 'Hindi', 'Hindi', 3), (2, 'ur', 'Urdu', 'Ourdou', 3),
  (2, 'so', 'Somali', 'Somali', 3), (2, 'ti', 'Tigrinya', 'Tigrigna', 3),
  (2, 'cr', 'Cree', 'Cri', 3), (2, 'oj', 'Ojibwe', 'Ojibwé', 3),
  (3, 'phone', 'Phone', 'Téléphone', 1), (3, 'text', 'Text', 'Texto', 2),
  (3, 'chat', 'Chat', 'Clavardage', 3), (3, 'email', 'Email', 'Courriel', 4),
  (3, 'web', 'Web', 'Web', 5), (3, 'walk-in', 'Walk-in', 'En personne', 6),
  (3, 'other', 'Other', 'Autre', 7)
), v AS (
  SELECT 0 AS dim, age_group AS code, sum(c) AS n FROM f GROUP BY age_group
  UNION ALL SELECT 1, gender, sum(c) FROM f GROUP BY gender
  UNION ALL SELECT 2, language, sum(c) FROM f GROUP BY language
  UNION ALL SELECT 3, channel, sum(c) FROM f GROUP BY channel
)
SELECT CASE v.dim WHEN 0 THEN 'Age group' WHEN 1 THEN 'Gender'
                  WHEN 2 THEN 'Language' ELSE 'Channel' END AS dimension,
       CASE v.dim WHEN 0 THEN 'Groupe d''âge' WHEN 1 THEN 'Genre'
                  WHEN 2 THEN 'Langue' ELSE 'Mode de contact' END
         AS dimension_fr,
       CASE v.code WHEN '' THEN 'Not recorded' WHEN 'unknown' THEN 'Unknown'
            ELSE coalesce(l.en, v.code) END AS value,
       CASE v.code WHEN '' THEN 'Non consigné' WHEN 'unknown' THEN 'Inconnu'
            ELSE coalesce(l.fr, v.code) END AS value_fr,
       v.n AS contacts, tot.all_contacts
FROM v CROSS JOIN tot
LEFT JOIN labels l ON l.dim = v.dim AND l.code = v.code
ORDER BY v.dim, v.code IN ('', 'unknown'), v.code = '',
         CASE WHEN v.dim = 0 THEN v.code END, coalesce(l.sort, 9), v.n DESC;
