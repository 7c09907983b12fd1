-- id: volume
-- order: 10
-- title: Contact volume by month, channel and language
-- title.fr: Volume de contacts par mois, mode de contact et langue
-- about: Contacts and needs per month, needs per contact, contacts by
--     channel and by language.
-- about.fr: Contacts et besoins par mois, besoins par contact, contacts
--     par mode de contact et par langue.
-- glossary: month | Calendar month, by the local date of each contact |
--     Mois civil, selon la date locale de chaque contact
-- glossary: contacts | Contacts with the helpline (calls, texts, chats,
--     emails, web forms, visits); one contact may bring several needs |
--     Contacts avec le service (appels, textos, clavardages, courriels,
--     formulaires web, visites) ; un contact peut apporter plusieurs besoins
-- glossary: needs | Needs recorded during the contacts, each in one
--     category | Besoins consignés lors des contacts, chacun dans une
--     catégorie
-- glossary: needs_per_contact | Needs divided by contacts | Besoins
--     divisés par les contacts
-- glossary: phone | Contacts by phone | Contacts par téléphone
-- glossary: text | Contacts by text message (SMS) | Contacts par texto
--     (SMS)
-- glossary: chat | Contacts by web chat | Contacts par clavardage
-- glossary: email | Contacts by email | Contacts par courriel
-- glossary: web | Contacts through a web form | Contacts par formulaire
--     web
-- glossary: walk_in | Contacts in person | Contacts en personne
-- glossary: other_channel | Contacts by another channel, or whose channel
--     is not recorded or unknown | Contacts par un autre mode, ou dont le mode
--     est non consigné ou inconnu
-- glossary: english | Contacts in English | Contacts en anglais
-- glossary: french | Contacts in French | Contacts en français
-- glossary: other_language | Contacts in another language, or whose
--     language is not recorded or unknown | Contacts dans une autre langue, ou
--     dont la langue est non consignée ou inconnue
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
-- suppress: contacts needs phone text chat email web walk_in
--     other_channel english french other_language
-- sum: contacts = phone + text + chat + email + web + walk_in +
--     other_channel
-- sum: contacts = english + french + other_language
-- derived: needs_per_contact from needs contacts
-- chart: line month contacts needs
-- note: Other channel and Other language include the contacts whose
--     channel or language is not recorded or unknown; the last row is the
--     total of the period (of the months with data).
-- note.fr: Autre mode et Autre langue comprennent les contacts dont le
--     mode ou la langue est non consigné ou inconnu ; la dernière ligne est
--     le total de la période (des mois avec données).

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
