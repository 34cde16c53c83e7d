// The case page's controller: the case as read (and kept current, see useCaseRecord), who looks
// at it, and what the page remembers between renders: whether the details are being edited, a
// newer version saved elsewhere that the user has not taken in yet, and how often the
// confirmation tab was opened (it reads afresh each time).
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Case } from '../../../../shared/domain/model';
import { canEditCase } from '../../../../shared/domain/permissions';
import { useSession } from '../../auth';
import { institutionToday } from '../../../kit/format';
import { useUsers } from '../common/useUsers';
import { useCaseRecord } from './useCaseRecord';

export function useCasePage() {
  const { caseId = '' } = useParams();
  const { user, settings } = useSession();
  const users = useUsers();
  const [editing, setEditing] = useState(false);
  const [changed, setChanged] = useState<Case | null>(null);
  const [confirmationVisits, setConfirmationVisits] = useState(0);
  const state = useCaseRecord(caseId, user, { hold: editing, onHeld: setChanged });
  // Read on every render: a case page left open past midnight shows the new day's deadlines.
  const today = institutionToday();
  const record = state.record;

  const onSaved = (saved: Case) => {
    setChanged(null);
    state.accept(saved);
  };
  return {
    state,
    record,
    user,
    settings,
    users,
    today,
    canEdit: record ? canEditCase(user, record) : false,
    editing,
    setEditing,
    /** A newer version saved elsewhere, until the page shows it (or one newer still). */
    changed: changed && record && changed.version > record.version ? changed : null,
    onSaved,
    onChanged: (current: Case) => setChanged(current),
    reloadAfterChange: () => {
      setChanged(null);
      void state.reload();
    },
    confirmationVisits,
    visitConfirmation: () => setConfirmationVisits((n) => n + 1),
  };
}

export type CasePageModel = ReturnType<typeof useCasePage>;
