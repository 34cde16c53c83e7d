-- 0006 the statistical report on the center server (issue 19 items 2–3): the report's figures of
-- a justice bureau's area computed here, and a period's signed report filed by an institution to
-- its bureau through the server, answered there. Depends on 0001.
--
-- A bureau's area is the set of institutions registered to it: on this server, the institutions
-- (not bureaus) whose GB/T 2260 area code lies in the bureau's division (mw.area_prefix, as
-- mw.area_figures), the area code being what the operator registered with `create-institution`.
-- An institution files to the bureau of the most specific division containing its own.

-- The calendar date in Asia/Shanghai of an ISO instant, exactly as shared/statistics/report
-- period.ts shanghaiDate computes it (the instant plus eight hours: no daylight saving).
CREATE FUNCTION mw.shanghai_date(instant text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_char((instant::timestamptz AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') $$;

-- The area code of the calling justice bureau, for its administrator or director; anyone else is
-- refused. Called inside the definer functions below (not granted to the application's role).
CREATE FUNCTION mw.calling_bureau_area() RETURNS text LANGUAGE plpgsql STABLE SET search_path = mw, pg_temp AS $$
DECLARE
  bureau_area text;
BEGIN
  SELECT i.area_code INTO bureau_area FROM mw.institutions i
   WHERE i.id = mw.current_institution() AND i.kind = 'justice_bureau';
  IF bureau_area IS NULL OR mw.acting_role() IS DISTINCT FROM 'admin' AND mw.acting_role() IS DISTINCT FROM 'director' THEN
    RAISE EXCEPTION 'the area''s report is for a justice bureau''s administrator or director' USING ERRCODE = '42501';
  END IF;
  RETURN bureau_area;
END $$;

-- The report's figures of the calling bureau's area for a period (its first and last dates,
-- 'YYYY-MM-DD'), for its administrator or director: per institution, category, source and
-- agreement form, the sums of what each case adds (shared/statistics/report/compute.ts
-- caseFigures): received, the sources and the escalations prevented when the case was received in
-- the period; settled, the amount and the form when its agreement took effect in the period. Which
-- column a source or a form counts in, and a category this version does not know, are decided by
-- the shared code from the raw values returned (shared/statistics/report/area.ts). Figures only:
-- never a case's id, number, party or text.
CREATE FUNCTION mw.area_report(period_from text, period_to text)
  RETURNS TABLE (institution_id uuid, category text, source text, agreement_form text, oral_act boolean,
                 received bigint, settled bigint, amount_fen numeric,
                 criminal_cases bigint, criminal_persons bigint, suicide_cases bigint, suicide_persons bigint,
                 group_petition_cases bigint, group_petition_persons bigint, group_fight_cases bigint, group_fight_persons bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = mw, pg_temp AS $$
DECLARE
  bureau_area text := mw.calling_bureau_area();
BEGIN
  IF period_from !~ '^\d{4}-\d{2}-\d{2}$' OR period_to !~ '^\d{4}-\d{2}-\d{2}$' THEN
    RAISE EXCEPTION 'a period is two dates YYYY-MM-DD' USING ERRCODE = '22007';
  END IF;
  RETURN QUERY
    WITH facts AS MATERIALIZED (
      SELECT c.institution_id AS inst, c.record->>'category' AS cat, c.record->>'source' AS src,
             c.record->>'agreementForm' AS form, (c.record->>'statusAct') = 'oral_agreement' AS oral,
             mw.shanghai_date(c.record->>'registeredAt') BETWEEN period_from AND period_to AS rec,
             coalesce(c.record->>'agreementEffectiveOn' BETWEEN period_from AND period_to, false) AS settl,
             coalesce((c.record->>'amountFen')::numeric, 0) AS amount,
             coalesce((c.record#>>'{escalationPrevented,criminal}')::bigint, 0) AS crim,
             coalesce((c.record#>>'{escalationPrevented,suicide}')::bigint, 0) AS sui,
             coalesce((c.record#>>'{escalationPrevented,group_petition}')::bigint, 0) AS pet,
             coalesce((c.record#>>'{escalationPrevented,group_fight}')::bigint, 0) AS fight
        FROM mw.cases c JOIN mw.institutions i ON i.id = c.institution_id
       WHERE i.area_code LIKE mw.area_prefix(bureau_area) || '%' AND i.kind <> 'justice_bureau'
    )
    SELECT f.inst, f.cat, f.src, f.form, coalesce(f.oral, false),
           count(*) FILTER (WHERE f.rec), count(*) FILTER (WHERE f.settl),
           coalesce(sum(f.amount) FILTER (WHERE f.settl), 0),
           count(*) FILTER (WHERE f.rec AND f.crim <> 0), coalesce(sum(f.crim) FILTER (WHERE f.rec), 0)::bigint,
           count(*) FILTER (WHERE f.rec AND f.sui <> 0), coalesce(sum(f.sui) FILTER (WHERE f.rec), 0)::bigint,
           count(*) FILTER (WHERE f.rec AND f.pet <> 0), coalesce(sum(f.pet) FILTER (WHERE f.rec), 0)::bigint,
           count(*) FILTER (WHERE f.rec AND f.fight <> 0), coalesce(sum(f.fight) FILTER (WHERE f.rec), 0)::bigint
      FROM facts f
     WHERE f.rec OR f.settl
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1, 2, 3, 4, 5;
END $$;

-- Inside the definer functions above and below (mw.definer_context()), the owner counts an area's
-- mediators; a request itself still reads only its own institution's accounts.
CREATE POLICY definer_reads ON mw.accounts FOR SELECT USING (mw.definer_context());

-- The institutions of the calling bureau's area, for its administrator or director: their public
-- facts (as the directory gives them) and how many active accounts mediate (the report's header
-- block: mediators). Listed even when they have no case.
CREATE FUNCTION mw.area_institutions()
  RETURNS TABLE (id uuid, kind text, name text, credit_code text, area_code text, mediators bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = mw, pg_temp AS $$
DECLARE
  bureau_area text := mw.calling_bureau_area();
BEGIN
  RETURN QUERY
    SELECT i.id, i.kind, i.name, i.credit_code, i.area_code,
           (SELECT count(*) FROM mw.accounts a WHERE a.institution_id = i.id AND a.active AND a.role IN ('mediator', 'lawyer'))
      FROM mw.institutions i
     WHERE i.area_code LIKE mw.area_prefix(bureau_area) || '%' AND i.kind <> 'justice_bureau'
     ORDER BY i.area_code, i.name;
END $$;

-- The bureau the calling institution files its report to: the justice bureau of the most specific
-- division containing the institution's area code (a district's bureau before the city's). Its
-- id, name and area code only; none for a bureau itself.
CREATE FUNCTION mw.filing_bureau()
  RETURNS TABLE (id uuid, name text, area_code text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = mw, pg_temp
  AS $$ SELECT b.id, b.name, b.area_code
          FROM mw.institutions me JOIN mw.institutions b
            ON b.kind = 'justice_bureau' AND me.area_code LIKE mw.area_prefix(b.area_code) || '%'
         WHERE me.id = mw.current_institution() AND me.kind <> 'justice_bureau'
         ORDER BY length(mw.area_prefix(b.area_code)) DESC, b.created_at, b.id
         LIMIT 1 $$;

-- A period's report filed through the server: the institution's signed snapshot (shared/
-- statistics/report/filing.ts signedReportSchema) sent to its bureau, and the bureau's answer
-- (accepted, or returned with its reason; the answer file as the file route would carry it).
CREATE TABLE mw.report_filings (
  sender_institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  -- The snapshot's id (one per version).
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 100),
  receiver_institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  period_code text NOT NULL CHECK (period_code ~ '^\d{4}(-Q[1-4]|-\d{2})?$'),
  version integer NOT NULL CHECK (version BETWEEN 1 AND 1000),
  snapshot_sha256 text NOT NULL CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  signed jsonb NOT NULL CHECK (octet_length(signed::text) <= 1048576),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  submitted_by uuid NOT NULL,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  answer jsonb,
  answered_at timestamptz,
  answered_by uuid,
  PRIMARY KEY (sender_institution_id, id),
  UNIQUE (sender_institution_id, period_code, version),
  CHECK (sender_institution_id <> receiver_institution_id),
  CHECK (status <> 'returned' OR reason <> ''),
  CHECK ((status = 'submitted') = (answer IS NULL)),
  FOREIGN KEY (sender_institution_id, submitted_by) REFERENCES mw.accounts (institution_id, id),
  FOREIGN KEY (receiver_institution_id, answered_by) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX report_filings_receiver ON mw.report_filings (receiver_institution_id, period_code);
ALTER TABLE mw.report_filings ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.report_filings FORCE ROW LEVEL SECURITY;
-- Exactly the two: the institution that filed and the bureau it filed to. Only their
-- administrators and directors; the sender files, the receiver answers.
CREATE POLICY the_two ON mw.report_filings FOR SELECT
  USING (mw.current_institution() IN (sender_institution_id, receiver_institution_id)
         AND mw.acting_role() IN ('admin', 'director'));
CREATE POLICY file ON mw.report_filings FOR INSERT
  WITH CHECK (sender_institution_id = mw.current_institution() AND submitted_by = mw.current_account()
              AND mw.acting_role() IN ('admin', 'director')
              AND (SELECT mw.current_kind()) IN ('mediation', 'legal_service'));
CREATE POLICY answer ON mw.report_filings FOR UPDATE
  USING (receiver_institution_id = mw.current_institution() AND mw.acting_role() IN ('admin', 'director'))
  WITH CHECK (receiver_institution_id = mw.current_institution() AND answered_by = mw.current_account());
