// On the first-run screen (an empty store): asks the browser to keep the store about to be
// filled, and, when this host's cookie remembers the workstation holding data at another origin
// (another port, say), names it: the data is there, not lost, and first run here makes a second,
// empty workstation. What cannot be known (another host name, a cleared cookie) is not claimed.
import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../kit/useLang';
import { STORAGE_NS } from './names';
import { otherOrigins, pageOrigin } from './origins';
import { requestPersistentStorage } from './quota';

function readOthers(): { origin: string; others: string[] } | null {
  const page = pageOrigin();
  return page ? { origin: page.origin, others: otherOrigins(page.jar, page.origin) } : null;
}

export function FirstRunStorageNotice() {
  const { t } = useTranslation(STORAGE_NS);
  const language = useLang();
  const [found] = useState(readOthers);
  useEffect(() => {
    void requestPersistentStorage();
  }, []);
  if (!found || found.others.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="note"
      data-testid="storage-other-origins"
      message={t('firstRun.otherOrigins', { origin: found.origin, origins: new Intl.ListFormat(language, { type: 'conjunction' }).format(found.others) })}
      description={t('firstRun.otherOriginsBody')}
      style={{ marginBottom: 16 }}
    />
  );
}
