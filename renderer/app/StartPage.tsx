// The start page of a signed-in user: the case list where cases are mediated, else the court's
// intake for those who work it (a court's director, who works no filings, starts at Settings).
import { Navigate } from 'react-router';
import { kindProfileOf } from '../../shared/domain/institution-kinds';
import { useSession } from '../features/auth';
import { mayUseCourtIntake } from '../features/court';

export function StartPage() {
  const { user, institution } = useSession();
  const kind = kindProfileOf(institution);
  return <Navigate to={kind.mediatesCases ? '/cases' : mayUseCourtIntake(user) ? '/court' : '/settings'} replace />;
}
