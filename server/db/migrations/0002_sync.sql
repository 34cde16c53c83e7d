-- 0002 sync (issue 17 item 4): the records a case has besides the case itself (events, evidence
-- ledger entries and checkpoints, agreements, sessions, minutes, applications, filings) and the
-- institution's shared settings, stored per institution with their kind, id, case, version and the
-- workstation's body; the mutations already applied (a retried push never applies twice); which
-- workstation holds each case's evidence ledger; the case a change belongs to; and a notification
-- on every change for the WebSocket nudge. Cases with their parties stay in mw.cases (0001).
-- Depends only on 0001.

-- ---- synced records ------------------------------------------------------------------------
CREATE TABLE mw.records (
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  -- pendingLedgerEntries: entries pushed by a workstation that does not hold the case's ledger,
  -- kept until the holder's chain takes them (server/sync/ledger.ts).
  kind text NOT NULL CHECK (kind IN ('events', 'settings', 'ledgerEntries', 'pendingLedgerEntries', 'checkpoints', 'agreements', 'sessions', 'minutes', 'centerApplications', 'courtFilings')),
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
  -- The case the record belongs to (its caseId); NULL for the institution's own (settings, an
  -- event outside any case).
  case_id text CHECK (length(case_id) BETWEEN 1 AND 200),
  version integer NOT NULL CHECK (version > 0),
  -- The workstation's record, valid by its kind's schema (shared/server/sync.ts SYNC_BODY_SCHEMAS).
  body jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (institution_id, kind, id),
  FOREIGN KEY (institution_id, updated_by) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX records_case ON mw.records (institution_id, case_id, kind, id);
ALTER TABLE mw.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.records FORCE ROW LEVEL SECURITY;

-- Who sees a record of their institution: as the case it belongs to (the administrator, the
-- director and a court's clerk all; a mediator or lawyer those of their own and unassigned cases —
-- the subquery is itself under the cases policy) and everyone the institution's own records. A
-- justice bureau none.
CREATE FUNCTION mw.may_see_record(institution uuid, case_ref text) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT institution = mw.current_institution()
           AND (SELECT mw.current_kind()) IS DISTINCT FROM 'justice_bureau'
           AND (case_ref IS NULL
                OR mw.acting_role() IN ('admin', 'director', 'clerk')
                OR EXISTS (SELECT 1 FROM mw.cases c WHERE c.institution_id = institution AND c.id = case_ref)) $$;

-- Who writes one: the administrator any; the settings only the administrator; a court's clerk the
-- court's records; the director only audit events (its own acts); a mediator or lawyer the records
-- of a case they may write (own or unassigned) and audit events outside any case.
CREATE FUNCTION mw.may_write_record(institution uuid, record_kind text, case_ref text) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT institution = mw.current_institution()
           AND (SELECT mw.current_kind()) IS DISTINCT FROM 'justice_bureau'
           AND CASE
                 WHEN mw.acting_role() = 'admin' THEN true
                 WHEN record_kind = 'settings' THEN false
                 WHEN mw.acting_role() = 'clerk' THEN true
                 WHEN mw.acting_role() = 'director' THEN record_kind = 'events'
                 WHEN mw.acting_role() IN ('mediator', 'lawyer') THEN
                   (case_ref IS NULL AND record_kind = 'events')
                   OR EXISTS (SELECT 1 FROM mw.cases c WHERE c.institution_id = institution AND c.id = case_ref AND mw.may_write_case(c.mediator_id))
                 ELSE false END $$;

CREATE POLICY read ON mw.records FOR SELECT USING (mw.may_see_record(institution_id, case_id));
CREATE POLICY store ON mw.records FOR INSERT WITH CHECK (mw.may_write_record(institution_id, kind, case_id));
CREATE POLICY change ON mw.records FOR UPDATE
  USING (mw.may_write_record(institution_id, kind, case_id)) WITH CHECK (mw.may_write_record(institution_id, kind, case_id));
CREATE POLICY remove ON mw.records FOR DELETE USING (mw.may_write_record(institution_id, kind, case_id));

-- Audit events, ledger entries and checkpoints are written once: whatever code path tries, the
-- database refuses to change or delete one.
CREATE FUNCTION mw.refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a record of % is never changed or deleted', OLD.kind USING ERRCODE = '42501';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON mw.records
  FOR EACH ROW WHEN (OLD.kind IN ('events', 'ledgerEntries', 'checkpoints')) EXECUTE FUNCTION mw.refuse_append_only_change();

-- ---- mutations applied ---------------------------------------------------------------------
-- Each mutation a workstation pushed and the server applied, by the id the workstation made, with
-- a digest of its content and the answer it had: the same id again answers that, never applies
-- twice. Written in the transaction that applied it.
CREATE TABLE mw.sync_mutations (
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  id uuid NOT NULL,
  workstation_id uuid NOT NULL,
  account_id uuid NOT NULL,
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  result jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, id),
  FOREIGN KEY (institution_id, account_id) REFERENCES mw.accounts (institution_id, id)
);
ALTER TABLE mw.sync_mutations ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.sync_mutations FORCE ROW LEVEL SECURITY;
CREATE POLICY own_institution ON mw.sync_mutations
  USING (institution_id = mw.current_institution())
  WITH CHECK (institution_id = mw.current_institution() AND account_id = mw.current_account());

-- ---- who holds a case's evidence ledger ------------------------------------------------------
-- One workstation at a time appends to a case's ledger, so a signed history never forks.
CREATE TABLE mw.ledger_holders (
  institution_id uuid NOT NULL,
  case_id text NOT NULL,
  workstation_id uuid NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  account_id uuid NOT NULL,
  PRIMARY KEY (institution_id, case_id),
  FOREIGN KEY (institution_id, case_id) REFERENCES mw.cases (institution_id, id),
  FOREIGN KEY (institution_id, account_id) REFERENCES mw.accounts (institution_id, id)
);
ALTER TABLE mw.ledger_holders ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.ledger_holders FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON mw.ledger_holders FOR SELECT USING (mw.may_see_record(institution_id, case_id));
-- Claimed by who may write the case's entries; handed over by them or by the director.
CREATE FUNCTION mw.may_hold_ledger(institution uuid, case_ref text) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT mw.may_write_record(institution, 'ledgerEntries', case_ref)
            OR (mw.acting_role() = 'director' AND mw.may_see_record(institution, case_ref)) $$;
CREATE POLICY claim ON mw.ledger_holders FOR INSERT WITH CHECK (mw.may_hold_ledger(institution_id, case_id));
CREATE POLICY hand_over ON mw.ledger_holders FOR UPDATE
  USING (mw.may_hold_ledger(institution_id, case_id)) WITH CHECK (mw.may_hold_ledger(institution_id, case_id));

-- ---- the change log: its case, and a notification per change -----------------------------------
-- The case a change belongs to lets a pull tell a mediator of a deletion only in cases they see.
ALTER TABLE mw.changes ADD COLUMN case_id text;

-- 'mw_changes' carries "<institution id>:<seq>" at the commit of every change; the server's nudge
-- listens and tells the institution's connected workstations.
CREATE FUNCTION mw.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mw_changes', NEW.institution_id::text || ':' || NEW.seq::text);
  RETURN NULL;
END $$;
CREATE TRIGGER notify_change AFTER INSERT ON mw.changes FOR EACH ROW EXECUTE FUNCTION mw.notify_change();
