// The start page of a signed-in user: a lawyer's is the consultation desk; otherwise the case list
// where cases are mediated, else the court's intake for those who work it (a court's director, who
// works no filings, starts at Settings).
import { Navigate } from 'react-router';
import { kindProfileOf } from '../../shared/domain/institution-kinds';
import { useSession } from '../features/auth';
import { mayUseCourtIntake } from '../features/court';
import { mayUseDesk } from '../features/consultations';

export function StartPage() {
  const { user, institution } = useSession();
  const kind = kindProfileOf(institution);
  if (user.role === 'lawyer' && mayUseDesk(user, institution)) return <Navigate to="/consultations" replace />;
  return <Navigate to={kind.mediatesCases ? '/cases' : mayUseCourtIntake(user) ? '/court' : '/settings'} replace />;
}
