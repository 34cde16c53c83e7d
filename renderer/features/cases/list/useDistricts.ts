// The districts recorded on the cases the viewer may see: the choices of the list's district
// filter, read from the case catalog and read again when a case changes (here or in another window).
import { useEffect, useState } from 'react';
import type { User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { useLang } from '../../../kit/useLang';
import { caseDistricts } from '../../case-store';

export function useDistricts(viewer: User): readonly string[] {
  const { data } = useServices();
  const language = useLang();
  const [districts, setDistricts] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    const read = () =>
      caseDistricts(data, viewer, language).then(
        (found) => live && setDistricts(found),
        // The filter then offers no choices beyond a district the URL names; the list still works.
        () => undefined,
      );
    void read();
    const stop = data.changes.subscribe((changes) => {
      if (changes.some((c) => c.kind === 'cases' || c.op === 'replace_all')) void read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [data, viewer, language]);
  return districts;
}
