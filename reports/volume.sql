-- id: volume
-- order: 10
-- title: Contact volume by month, channel and language
-- title.fr: Volume de contacts par mois, mode de contact et langue
-- about: Contacts and needs per month, needs per contact, contacts by
--     channel and by language.
-- about.fr: Contacts et besoins par mois, besoins par contact, contacts
--     par mode de contact et par langue.
-- column: month month | Month | Mois
-- column: contacts int | Contacts | Contacts
-- column: needs int | Needs | Besoins
-- column: needs_per_contact real decimals=2 | Needs per contact | Besoins par contact
-- column: phone int | Phone | Téléphone
-- column: text int | Text | Texto
-- column: chat int | Chat | Clavardage
-- column: email int | Email | Courriel
-- column: web int | Web | Web
-- column: walk_in int | Walk-in | En personne
-- column: other_channel int | Other channel | Autre mode
-- column: english int | English | Anglais
-- column: french int | French | Français
-- column: other_language int | Other language | Autre langue
-- chart: line month contacts needs
-- note: Other channel and other language include unknown values; the
--     last row is the total of the period (of the months with data).
-- note.fr: Autre mode et autre langue comprennent les valeurs inconnues;
--     la dernière ligne est le total de la période (des mois avec données).
-- note.sql: SELECT 'The category filter does not apply to contacts: a
--     contact may have needs in several categories.', 'Le filtre de
--     catégorie ne s''applique pas aux contacts : un contact peut avoir des
--     besoins dans plusieurs catégories.' WHERE :category IS NOT NULL

WITH RECURSIVE months(m) AS (
  SELECT :from WHERE :from > 0
  UNION ALL
  SELECT CASE WHEN m % 100 = 12 THEN m + 89 ELSE m + 1 END
  FROM months WHERE m < :to
), m AS (
  SELECT month,
         sum(contacts) AS contacts,
         sum(needs) AS needs,
         sum(CASE WHEN channel = 'phone' THEN contacts ELSE 0 END) AS phone,
         sum(CASE WHEN channel = 'text' THEN contacts ELSE 0 END) AS text,
         sum(CASE WHEN channel = 'chat' THEN contacts ELSE 0 END) AS chat,
         sum(CASE WHEN channel = 'email' THEN contacts ELSE 0 END) AS email,
         sum(CASE WHEN channel = 'web' THEN contacts ELSE 0 END) AS web,
         sum(CASE WHEN channel = 'walk-in' THEN contacts ELSE 0 END)
           AS walk_in,
         sum(CASE WHEN channel NOT IN ('phone', 'text', 'chat', 'email',
                                       'web', 'walk-in')
             THEN contacts ELSE 0 END) AS other_channel,
         sum(CASE WHEN language = 'en' THEN contacts ELSE 0 END) AS english,
         sum(CASE WHEN language = 'fr' THEN contacts ELSE 0 END) AS french,
         sum(CASE WHEN language NOT IN ('en', 'fr') THEN contacts ELSE 0 END)
           AS other_language
  FROM agg_contacts
  WHERE month BETWEEN :from AND :to
    AND (:region IS NULL OR region_id IN
         (SELECT region_id FROM region_ancestors WHERE ancestor_id = :region))
  GROUP BY month
), cov AS (
  -- every month of the period: covered when a batch's dates overlap it
  -- (trends lists the same months)
  SELECT months.m AS month, m.month IS NOT NULL OR EXISTS (
           SELECT 1 FROM batches b
           WHERE b.date_min <= printf('%04d-%02d-31', months.m / 100,
                                      months.m % 100)
             AND b.date_max >= printf('%04d-%02d-01', months.m / 100,
                                      months.m % 100)) AS covered,
         m.contacts, m.needs, m.phone, m.text, m.chat, m.email, m.web,
         m.walk_in, m.other_channel, m.english, m.french, m.other_language
  FROM months LEFT JOIN m ON m.month = months.m
), v AS (
  SELECT month, covered,
         CASE WHEN covered THEN coalesce(contacts, 0) END AS contacts,
         CASE WHEN covered THEN coalesce(needs, 0) END AS needs,
         CASE WHEN covered THEN coalesce(phone, 0) END AS phone,
         CASE WHEN covered THEN coalesce(text, 0) END AS text,
         CASE WHEN covered THEN coalesce(chat, 0) END AS chat,
         CASE WHEN covered THEN coalesce(email, 0) END AS email,
         CASE WHEN covered THEN coalesce(web, 0) END AS web,
         CASE WHEN covered THEN coalesce(walk_in, 0) END AS walk_in,
         CASE WHEN covered THEN coalesce(other_channel, 0) END
           AS other_channel,
         CASE WHEN covered THEN coalesce(english, 0) END AS english,
         CASE WHEN covered THEN coalesce(french, 0) END AS french,
         CASE WHEN covered THEN coalesce(other_language, 0) END
           AS other_language
  FROM cov
)
-- a month no batch covers: "no data", not 0
SELECT month, contacts, needs, 1.0 * needs / contacts AS needs_per_contact,
       phone, text, chat, email, web, walk_in, other_channel, english,
       french, other_language, 0 AS total_row,
       CASE WHEN NOT covered THEN 'no_data' END AS na
FROM v
UNION ALL
SELECT NULL, sum(contacts), sum(needs), 1.0 * sum(needs) / sum(contacts),
       sum(phone), sum(text), sum(chat), sum(email), sum(web), sum(walk_in),
       sum(other_channel), sum(english), sum(french), sum(other_language), 1,
       NULL
FROM v HAVING count(*) > 0
ORDER BY total_row, month;
