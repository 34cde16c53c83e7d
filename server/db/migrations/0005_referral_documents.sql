-- 0005 referrals through the server (issue 18 item 5): the directory of institutions a sender
-- may refer to, the categories of dispute an institution says it takes on, and a referral row
-- carrying the signed referral file itself (the same file as by hand: parties, facts, the
-- person's consent) and the receiver's signed answer, with a decline's reason. Depends on 0001.

-- The categories an institution takes on (its administrator says so); empty: not said, all.
ALTER TABLE mw.institutions ADD COLUMN handled_categories text[] NOT NULL DEFAULT '{}'
  CHECK (cardinality(handled_categories) <= 50);

-- The signed referral file (zip) and the SHA-256 of its referral.json (what an answer names);
-- the signed answer file; why it was declined.
ALTER TABLE mw.referrals
  ADD COLUMN document bytea CHECK (octet_length(document) <= 524288),
  ADD COLUMN document_sha256 text CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN answer_document bytea CHECK (octet_length(answer_document) <= 524288),
  ADD COLUMN reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  ADD CHECK ((document IS NULL) = (document_sha256 IS NULL)),
  ADD CHECK (status <> 'declined' OR document IS NULL OR reason <> '');

-- The directory: other institutions that mediate (mediation committees and centers, legal-service
-- halls), their public facts only — no account, no case, no figure. Asked by a session of an
-- institution that is not a justice bureau; filtered by the category it takes on (an institution
-- that has not said takes on all) and by the start of its area code.
CREATE FUNCTION mw.institution_directory(category text, area_prefix text)
  RETURNS TABLE (id uuid, kind text, name text, credit_code text, area_code text, address text, handled_categories text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = mw, pg_temp
  AS $$ SELECT i.id, i.kind, i.name, i.credit_code, i.area_code, i.address, i.handled_categories
          FROM mw.institutions i
         WHERE mw.current_institution() IS NOT NULL
           AND EXISTS (SELECT 1 FROM mw.institutions me WHERE me.id = mw.current_institution() AND me.kind <> 'justice_bureau')
           AND i.id <> mw.current_institution()
           AND i.kind IN ('mediation', 'legal_service')
           AND (category IS NULL OR cardinality(i.handled_categories) = 0 OR category = ANY (i.handled_categories))
           AND (area_prefix IS NULL OR i.area_code LIKE area_prefix || '%')
         ORDER BY i.area_code, i.name
         LIMIT 500 $$;
