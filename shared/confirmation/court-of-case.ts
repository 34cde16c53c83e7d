// The court a case's judicial confirmation goes to. A dispute a court entrusted before filing
// (委派调解) goes back to that court, named as its signature on the entrustment named it; every
// other case to the court the institution's settings name (the one where the institution sits).
// The settings' court code is kept only when it is that same court: a code is never lent to
// another court's name.
import type { Case, Court } from '../domain/model';

export function confirmationCourt(origin: Case['origin'], settingsCourt: Pick<Court, 'name' | 'code'> | undefined): { name: string; code: string } {
  const own = { name: settingsCourt?.name ?? '', code: settingsCourt?.code ?? '' };
  if (origin?.kind !== 'court_entrusted') return own;
  return { name: origin.sender, code: origin.sender === own.name ? own.code : '' };
}
