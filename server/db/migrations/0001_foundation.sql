-- 0001 foundation: institutions, accounts, sessions, cases, referrals, the access log, the audit
-- events and the change log, each row carrying its institution, and the row-level security that
-- confines every query of the application's role to the institution (and role) of the request.
-- Applied by `mw server migrate` as the schema's owner in one transaction. Privileges of the
-- application's role are in ../grants.sql, asserted after every migration.

-- ---- who is asking -------------------------------------------------------------------------
-- The server sets these with set_config(name, value, true) inside each request's transaction
-- (server/db/tenant.ts), so they end with it; a pooled connection keeps nothing. Unset reads as
-- NULL, which no row matches.
CREATE FUNCTION mw.current_institution() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.institution', true), '')::uuid $$;
CREATE FUNCTION mw.current_account() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.account', true), '')::uuid $$;
CREATE FUNCTION mw.acting_role() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('app.role', true), '') $$;

-- True only inside this schema's SECURITY DEFINER functions called by another role: their
-- queries run as the schema's owner, which FORCE ROW LEVEL SECURITY holds to the policies too,
-- and the few policies that let those functions look further (an institution by its credit code,
-- a bureau's counts) ask this. The application's role is never the owner, so its own queries
-- never pass it.
CREATE FUNCTION mw.definer_context() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT current_user <> session_user
        AND current_user = (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'mw') $$;

-- ---- institutions --------------------------------------------------------------------------
CREATE TABLE mw.institutions (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('mediation', 'legal_service', 'court', 'justice_bureau')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  credit_code text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  area_code text NOT NULL CHECK (area_code ~ '^[1-9][0-9]{5}$'),
  address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  offline_grace_days integer NOT NULL DEFAULT 7 CHECK (offline_grace_days BETWEEN 0 AND 90),
  -- The last sequence number of the institution's change log (mw.changes).
  change_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
ALTER TABLE mw.institutions ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.institutions FORCE ROW LEVEL SECURITY;
-- A request sees and changes its own institution; it creates one only as itself (the
-- `create-institution` command sets the new id first).
CREATE POLICY own ON mw.institutions
  USING (id = mw.current_institution()) WITH CHECK (id = mw.current_institution());
CREATE POLICY definer_reads ON mw.institutions FOR SELECT USING (mw.definer_context());

-- The kind of the request's institution; wrapped as (SELECT mw.current_kind()) in policies so it
-- is computed once per query, not per row.
CREATE FUNCTION mw.current_kind() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT kind FROM mw.institutions WHERE id = mw.current_institution() $$;

-- ---- accounts and sessions -------------------------------------------------------------------
CREATE TABLE mw.accounts (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,49}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  role text NOT NULL CHECK (role IN ('admin', 'mediator', 'lawyer', 'clerk', 'director')),
  license_no text CHECK (length(license_no) <= 30),
  active boolean NOT NULL DEFAULT true,
  -- {algorithm: 'scrypt', N, r, p, salt, hash} (server/auth/passwords.ts).
  password jsonb NOT NULL,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (institution_id, username),
  -- The target of foreign keys that must stay inside one institution.
  UNIQUE (institution_id, id)
);
ALTER TABLE mw.accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY own_institution ON mw.accounts
  USING (institution_id = mw.current_institution()) WITH CHECK (institution_id = mw.current_institution());

CREATE TABLE mw.auth_sessions (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  account_id uuid NOT NULL,
  -- SHA-256 of the bearer token; the token itself is never stored.
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('signed_out', 'revoked', 'deactivated', 'password_reset')),
  address text NOT NULL DEFAULT '',
  FOREIGN KEY (institution_id, account_id) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX auth_sessions_account ON mw.auth_sessions (institution_id, account_id) WHERE revoked_at IS NULL;
ALTER TABLE mw.auth_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.auth_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY own_institution ON mw.auth_sessions
  USING (institution_id = mw.current_institution()) WITH CHECK (institution_id = mw.current_institution());

-- An account deactivated loses every session in the same statement, whichever code path did it.
CREATE FUNCTION mw.end_sessions_of_deactivated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE mw.auth_sessions SET revoked_at = now(), revoked_reason = 'deactivated'
   WHERE institution_id = NEW.institution_id AND account_id = NEW.id AND revoked_at IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER end_sessions_of_deactivated AFTER UPDATE OF active ON mw.accounts
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION mw.end_sessions_of_deactivated();

-- ---- cases ---------------------------------------------------------------------------------
CREATE TABLE mw.cases (
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 100),
  number text NOT NULL,
  status text NOT NULL,
  mediator_id uuid,
  -- The workstation's case record (shared/domain/model.ts caseSchema) and its parties.
  record jsonb NOT NULL,
  parties jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (institution_id, id),
  UNIQUE (institution_id, number),
  FOREIGN KEY (institution_id, mediator_id) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX cases_mediator ON mw.cases (institution_id, mediator_id);
ALTER TABLE mw.cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.cases FORCE ROW LEVEL SECURITY;

-- Who sees a case of their institution (shared/domain/permissions.ts canViewCase): the
-- administrator, the director and a court's clerk all; a mediator or lawyer their own and the
-- unassigned. A justice bureau is oversight only and sees no case row at all.
CREATE FUNCTION mw.may_see_case(mediator uuid) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT CASE mw.acting_role()
                 WHEN 'admin' THEN true WHEN 'director' THEN true WHEN 'clerk' THEN true
                 WHEN 'mediator' THEN mediator IS NULL OR mediator = mw.current_account()
                 WHEN 'lawyer' THEN mediator IS NULL OR mediator = mw.current_account()
                 ELSE false END $$;
-- Who writes one (canEditCase): the administrator; a mediator or lawyer their own or an
-- unassigned one, and only to keep it theirs or unassigned. The director changes only the
-- mediator, through the hand-over (server/routes/cases.ts).
CREATE FUNCTION mw.may_write_case(mediator uuid) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT CASE mw.acting_role()
                 WHEN 'admin' THEN true WHEN 'director' THEN true
                 WHEN 'mediator' THEN mediator IS NULL OR mediator = mw.current_account()
                 WHEN 'lawyer' THEN mediator IS NULL OR mediator = mw.current_account()
                 ELSE false END $$;

CREATE POLICY read ON mw.cases FOR SELECT
  USING (institution_id = mw.current_institution()
         AND (SELECT mw.current_kind()) IS DISTINCT FROM 'justice_bureau'
         AND mw.may_see_case(mediator_id));
CREATE POLICY definer_reads ON mw.cases FOR SELECT USING (mw.definer_context());
CREATE POLICY register ON mw.cases FOR INSERT
  WITH CHECK (institution_id = mw.current_institution()
              AND (SELECT mw.current_kind()) IN ('mediation', 'legal_service')
              AND mw.acting_role() IN ('admin', 'mediator', 'lawyer')
              AND mw.may_write_case(mediator_id));
CREATE POLICY write ON mw.cases FOR UPDATE
  USING (institution_id = mw.current_institution() AND mw.may_write_case(mediator_id))
  WITH CHECK (institution_id = mw.current_institution() AND mw.may_write_case(mediator_id));

-- ---- rows of two institutions: referrals, entrusted disputes, packages sent to a court --------
CREATE TABLE mw.referrals (
  id uuid PRIMARY KEY,
  sender_institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  receiver_institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  case_id text,
  kind text NOT NULL CHECK (kind IN ('referral', 'court_entrusted', 'confirmation_package')),
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined')),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  answered_at timestamptz,
  answered_by uuid,
  version integer NOT NULL DEFAULT 1,
  CHECK (sender_institution_id <> receiver_institution_id),
  FOREIGN KEY (sender_institution_id, created_by) REFERENCES mw.accounts (institution_id, id),
  FOREIGN KEY (receiver_institution_id, answered_by) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX referrals_sender ON mw.referrals (sender_institution_id);
CREATE INDEX referrals_receiver ON mw.referrals (receiver_institution_id);
ALTER TABLE mw.referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.referrals FORCE ROW LEVEL SECURITY;
-- Exactly the two: the sender and the receiver, and nobody else.
CREATE POLICY the_two ON mw.referrals FOR SELECT
  USING (mw.current_institution() IN (sender_institution_id, receiver_institution_id));
CREATE POLICY send ON mw.referrals FOR INSERT
  WITH CHECK (sender_institution_id = mw.current_institution() AND created_by = mw.current_account());
CREATE POLICY answer ON mw.referrals FOR UPDATE
  USING (receiver_institution_id = mw.current_institution())
  WITH CHECK (receiver_institution_id = mw.current_institution() AND answered_by = mw.current_account());

-- ---- who looked at a full identity number or an evidence file ---------------------------------
CREATE TABLE mw.access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  at timestamptz NOT NULL DEFAULT now(),
  account_id uuid NOT NULL,
  what text NOT NULL CHECK (what IN ('id_number', 'evidence_file')),
  case_id text NOT NULL,
  subject text NOT NULL,
  address text NOT NULL DEFAULT '',
  FOREIGN KEY (institution_id, account_id) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX access_log_institution ON mw.access_log (institution_id, at);
ALTER TABLE mw.access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.access_log FORCE ROW LEVEL SECURITY;
-- Appended by the viewer as themselves; read by the institution's administrator and director.
-- (The application's role has no UPDATE or DELETE on it: grants.sql.)
CREATE POLICY record ON mw.access_log FOR INSERT
  WITH CHECK (institution_id = mw.current_institution() AND account_id = mw.current_account());
CREATE POLICY read ON mw.access_log FOR SELECT
  USING (institution_id = mw.current_institution() AND mw.acting_role() IN ('admin', 'director'));

-- ---- the audit log (shared/domain/model.ts auditEventSchema, per institution) ------------------
CREATE TABLE mw.events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  at timestamptz NOT NULL DEFAULT now(),
  -- NULL: the operator's command (create-institution), not an account.
  account_id uuid,
  entity text NOT NULL,
  entity_id text NOT NULL,
  case_id text,
  action text NOT NULL CHECK (length(action) BETWEEN 1 AND 60),
  before jsonb,
  after jsonb,
  FOREIGN KEY (institution_id, account_id) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX events_case ON mw.events (institution_id, case_id);
ALTER TABLE mw.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.events FORCE ROW LEVEL SECURITY;
CREATE POLICY record ON mw.events FOR INSERT
  WITH CHECK (institution_id = mw.current_institution() AND account_id IS NOT DISTINCT FROM mw.current_account());
-- The administrator and the director read all; others the events of cases they can see (the
-- subquery is itself under the cases policy).
CREATE POLICY read ON mw.events FOR SELECT
  USING (institution_id = mw.current_institution()
         AND (mw.acting_role() IN ('admin', 'director')
              OR (case_id IS NOT NULL AND EXISTS (SELECT 1 FROM mw.cases c WHERE c.institution_id = events.institution_id AND c.id = events.case_id))));

-- ---- the change log the sync will pull (design.md §12) ---------------------------------------
CREATE TABLE mw.changes (
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  seq bigint NOT NULL,
  kind text NOT NULL,
  record_id text NOT NULL,
  op text NOT NULL CHECK (op IN ('put', 'delete')),
  account_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, seq)
);
ALTER TABLE mw.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.changes FORCE ROW LEVEL SECURITY;
CREATE POLICY own_institution ON mw.changes
  USING (institution_id = mw.current_institution()) WITH CHECK (institution_id = mw.current_institution());

-- The next number of the request's institution's change log; the row lock orders the
-- institution's writers, so the log has no gaps and no two writes share a number.
CREATE FUNCTION mw.next_change_seq() RETURNS bigint LANGUAGE sql VOLATILE
  AS $$ UPDATE mw.institutions SET change_seq = change_seq + 1 WHERE id = mw.current_institution() RETURNING change_seq $$;

-- ---- functions that look past the request's institution, returning only what they say -------
-- The institution of a credit code, for sign-in and for addressing a referral: its id and kind.
CREATE FUNCTION mw.institution_by_credit_code(code text) RETURNS TABLE (id uuid, kind text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = mw, pg_temp
  AS $$ SELECT i.id, i.kind FROM mw.institutions i WHERE i.credit_code = code $$;

-- A justice bureau's area: its code without trailing pairs of zeros (340200 → 3402: the city).
CREATE FUNCTION mw.area_prefix(area text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT regexp_replace(area, '(00)+$', '') $$;

-- The figures of a justice bureau's area, for its administrator or director: case counts by
-- division, kind of institution and status. No name, number, party or id leaves it.
CREATE FUNCTION mw.area_figures() RETURNS TABLE (area_code text, institution_kind text, status text, cases bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = mw, pg_temp AS $$
DECLARE
  bureau_area text;
BEGIN
  SELECT i.area_code INTO bureau_area FROM mw.institutions i
   WHERE i.id = mw.current_institution() AND i.kind = 'justice_bureau';
  IF bureau_area IS NULL OR mw.acting_role() NOT IN ('admin', 'director') THEN
    RAISE EXCEPTION 'area figures are for a justice bureau''s administrator or director' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT i.area_code, i.kind, c.status, count(*)
      FROM mw.cases c JOIN mw.institutions i ON i.id = c.institution_id
     WHERE i.area_code LIKE mw.area_prefix(bureau_area) || '%' AND i.kind <> 'justice_bureau'
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
END $$;
