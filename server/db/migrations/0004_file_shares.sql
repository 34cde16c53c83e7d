-- 0004 file shares: a stored file shared with the receiver of a referral (a case referred, a
-- dispute entrusted, a package sent to a court), a row of two institutions as referrals are. The
-- receiver reads the sender's file row, and so its bytes, through it; nobody else does. Depends on
-- 0001 (referrals, accounts) and 0003 (files).
CREATE TABLE mw.file_shares (
  referral_id uuid NOT NULL REFERENCES mw.referrals (id),
  sha256 text NOT NULL,
  sender_institution_id uuid NOT NULL,
  receiver_institution_id uuid NOT NULL REFERENCES mw.institutions (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  PRIMARY KEY (referral_id, sha256),
  CHECK (sender_institution_id <> receiver_institution_id),
  FOREIGN KEY (sender_institution_id, sha256) REFERENCES mw.files (institution_id, sha256),
  FOREIGN KEY (sender_institution_id, created_by) REFERENCES mw.accounts (institution_id, id)
);
CREATE INDEX file_shares_receiver ON mw.file_shares (receiver_institution_id, sha256);
ALTER TABLE mw.file_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE mw.file_shares FORCE ROW LEVEL SECURITY;
-- Exactly the two institutions of the referral see the share.
CREATE POLICY the_two ON mw.file_shares FOR SELECT
  USING (mw.current_institution() IN (sender_institution_id, receiver_institution_id));
-- The sender shares its own file, as itself, along a referral it sent to that receiver and that
-- was not declined.
CREATE POLICY share ON mw.file_shares FOR INSERT
  WITH CHECK (sender_institution_id = mw.current_institution() AND created_by = mw.current_account()
              AND EXISTS (SELECT 1 FROM mw.referrals r
                           WHERE r.id = referral_id AND r.status <> 'declined'
                             AND r.sender_institution_id = file_shares.sender_institution_id
                             AND r.receiver_institution_id = file_shares.receiver_institution_id));

-- The receiver reads a file shared with it (every role of it, as every role reads its referrals)
-- while the referral stands: once it declines the referral, what was shared along it is gone too.
CREATE POLICY shared_with ON mw.files FOR SELECT
  USING (EXISTS (SELECT 1 FROM mw.file_shares s JOIN mw.referrals r ON r.id = s.referral_id
                  WHERE s.sender_institution_id = files.institution_id AND s.sha256 = files.sha256
                    AND s.receiver_institution_id = mw.current_institution()
                    AND r.status <> 'declined'));
