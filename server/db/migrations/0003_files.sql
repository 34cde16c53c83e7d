-- 0003 files: content-addressed files of an institution (evidence, recordings, PDFs, packages),
-- stored on the server's disk under <files>/<first two hex digits>/<sha256> (server/files/), and
-- the resumable uploads that bring them. Each row carries its institution, with row-level security
-- enabled and forced as in 0001. Depends only on 0001 (institutions, accounts, cases).

-- ---- files -----------------------------------------------------------------------------------
-- One row per content per institution: the same bytes uploaded by two institutions are two rows
-- (each proved it has them by uploading them) and one file on disk.
CREATE TABLE mw.files (
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  kind text NOT NULL CHECK (kind IN ('evidence', 'recording', 'pdf', 'package')),
  -- The case the file came with (its evidence, its agreement's PDF…); NULL for none.
  case_id text CHECK (length(case_id) BETWEEN 1 AND 100),
  media_type text NOT NULL CHECK (media_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  PRIMARY KEY (institution_id, sha256),
  FOREIGN KEY (institution_id, created_by) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX files_case ON mw.files (institution_id, case_id);
ALTER TABLE mw.files ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.files FORCE ROW LEVEL SECURITY;
-- Who sees a file of their institution: the administrator, the director and a court's clerk all;
-- a mediator or lawyer those of no case, those they uploaded, and those of a case they can see
-- (the subquery is itself under the cases policy). A justice bureau none.
CREATE POLICY read ON mw.files FOR SELECT
  USING (institution_id = mw.current_institution()
         AND (SELECT mw.current_kind()) IS DISTINCT FROM 'justice_bureau'
         AND (mw.acting_role() IN ('admin', 'director', 'clerk')
              OR case_id IS NULL
              OR created_by = mw.current_account()
              OR EXISTS (SELECT 1 FROM mw.cases c WHERE c.institution_id = files.institution_id AND c.id = files.case_id)));
CREATE POLICY store ON mw.files FOR INSERT
  WITH CHECK (institution_id = mw.current_institution()
              AND (SELECT mw.current_kind()) IS DISTINCT FROM 'justice_bureau'
              AND created_by = mw.current_account());

-- ---- uploads ---------------------------------------------------------------------------------
-- An upload in progress: what was declared (size, SHA-256). The bytes that have arrived are the
-- temporary file <files>/.uploads/<id> itself; its length is the offset to resume from.
CREATE TABLE mw.uploads (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  account_id uuid NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  kind text NOT NULL CHECK (kind IN ('evidence', 'recording', 'pdf', 'package')),
  case_id text CHECK (length(case_id) BETWEEN 1 AND 100),
  media_type text NOT NULL CHECK (media_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$'),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'rejected')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  finished_at timestamptz,
  FOREIGN KEY (institution_id, account_id) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX uploads_open ON mw.uploads (institution_id, account_id, sha256) WHERE status = 'open';
ALTER TABLE mw.uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.uploads FORCE ROW LEVEL SECURITY;
-- An upload is its account's alone: another account, let alone another institution, cannot ask
-- how far it got, add to it or finish it.
CREATE POLICY own_account ON mw.uploads
  USING (institution_id = mw.current_institution() AND account_id = mw.current_account())
  WITH CHECK (institution_id = mw.current_institution() AND account_id = mw.current_account()
              AND (SELECT mw.current_kind()) IS DISTINCT FROM 'justice_bureau');
