-- What the application's role may do, table by table: asserted after every `mw server migrate`
-- (first everything is revoked, then exactly this is granted), so the list below is the whole
-- truth whatever an earlier version granted. {{app}} is the role's quoted name.
-- Row-level security decides which rows; these grants decide which statements.
REVOKE ALL ON ALL TABLES IN SCHEMA mw FROM {{app}};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA mw FROM {{app}};
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA mw FROM PUBLIC, {{app}};
GRANT USAGE ON SCHEMA mw TO {{app}};

GRANT SELECT ON mw.schema_migrations TO {{app}};
-- Only the columns a request may change; the id, kind, credit code and change sequence's owner
-- stay as created (the sequence moves through mw.next_change_seq()).
GRANT SELECT, INSERT ON mw.institutions TO {{app}};
GRANT UPDATE (name, address, area_code, offline_grace_days, change_seq, updated_at, version, handled_categories) ON mw.institutions TO {{app}};
GRANT SELECT, INSERT, UPDATE ON mw.accounts TO {{app}};
GRANT SELECT, INSERT, UPDATE ON mw.auth_sessions TO {{app}};
GRANT SELECT, INSERT, UPDATE ON mw.cases TO {{app}};
GRANT SELECT, INSERT, UPDATE ON mw.referrals TO {{app}};
-- Append-only: no UPDATE, no DELETE.
GRANT SELECT, INSERT ON mw.access_log TO {{app}};
GRANT SELECT, INSERT ON mw.events TO {{app}};
GRANT SELECT, INSERT ON mw.changes TO {{app}};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA mw TO {{app}};

GRANT EXECUTE ON FUNCTION mw.current_institution(), mw.current_account(), mw.acting_role(), mw.definer_context(),
  mw.current_kind(), mw.may_see_case(uuid), mw.may_write_case(uuid), mw.next_change_seq(),
  mw.institution_by_credit_code(text), mw.area_prefix(text), mw.area_figures() TO {{app}};

-- ---- sync (0002_sync.sql) ----
-- Synced records change and go (the append-only kinds are held by a trigger); an applied
-- mutation's row is never changed or deleted; a ledger's holder is claimed and handed over.
GRANT SELECT, INSERT, UPDATE, DELETE ON mw.records TO {{app}};
GRANT SELECT, INSERT ON mw.sync_mutations TO {{app}};
GRANT SELECT, INSERT, UPDATE (workstation_id, since, account_id) ON mw.ledger_holders TO {{app}};
GRANT EXECUTE ON FUNCTION mw.may_see_record(uuid, text), mw.may_write_record(uuid, text, text), mw.may_hold_ledger(uuid, text) TO {{app}};

-- ---- files (0003_files.sql) ----
-- A stored file's row never changes and is never deleted by a request; an upload moves from open
-- to done or rejected.
GRANT SELECT, INSERT ON mw.files TO {{app}};
GRANT SELECT, INSERT, UPDATE (status, finished_at) ON mw.uploads TO {{app}};
-- A share is never changed or withdrawn by a request (0004_file_shares.sql).
GRANT SELECT, INSERT ON mw.file_shares TO {{app}};

-- ---- referrals through the server (0005_referral_documents.sql) ----
GRANT EXECUTE ON FUNCTION mw.institution_directory(text, text) TO {{app}};

-- ---- the statistical report on the server (0006_area_report.sql) ----
-- A filing is sent and answered, never deleted; only its answer's columns change.
GRANT SELECT, INSERT ON mw.report_filings TO {{app}};
GRANT UPDATE (status, reason, answer, answered_at, answered_by) ON mw.report_filings TO {{app}};
GRANT EXECUTE ON FUNCTION mw.shanghai_date(text), mw.area_report(text, text), mw.area_institutions(), mw.filing_bureau() TO {{app}};
