// The receiving institution picked from the center server's directory (issue 18 item 5, through
// the server): filtered by the dispute's category (an institution that has not said what it takes
// on is listed for every category) and by area — this district, this city, or all — with a warning
// when the institution picked has not registered the category (the category was changed after).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Radio, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { institutionViewSchema, type DirectoryEntry } from '../../../shared/server/api';
import { useServices } from '../../app/services';
import { StoreError } from '../../kit/result';
import { useLang } from '../../kit/useLang';
import { centerCall, centerSignedIn, useCenter } from '../center';
import { loadDirectory } from './through-center';
import { categoryLabel } from './ui';
import { useRefusalText } from './useSigned';

type Area = 'district' | 'city' | 'all';

/** Whether the workstation is signed in to its center server now, and its transport. */
export function useCenterTransport() {
  const { data, platform } = useServices();
  const { state } = useCenter();
  const online = state.session && (state.phase === 'connected' || state.phase === 'syncing');
  const call = useMemo(() => centerCall(data, platform.centerServer), [data, platform]);
  return { online, call, signedIn: () => centerSignedIn(data, platform.centerServer) };
}

export function useDirectory(category: string | undefined, online: boolean, call: ReturnType<typeof centerCall>) {
  const [area, setArea] = useState<Area>('city');
  const [own, setOwn] = useState<string | null>(null);
  const [entries, setEntries] = useState<DirectoryEntry[] | null>(null);
  const [failed, setFailed] = useState<StoreError | null>(null);
  useEffect(() => {
    if (!online) return;
    let live = true;
    call('GET', '/institution', institutionViewSchema).then(
      (institution) => live && setOwn(institution.areaCode),
      () => live && setOwn(''),
    );
    return () => void (live = false);
  }, [online, call]);
  useEffect(() => {
    if (!online || own === null) return;
    let live = true;
    const prefix = area === 'district' ? own : area === 'city' ? own.slice(0, 4) : '';
    loadDirectory(call, { ...(category ? { category } : {}), ...(prefix ? { area: prefix } : {}) }).then(
      (list) => {
        if (!live) return;
        setEntries(list);
        setFailed(null);
      },
      (error: unknown) => {
        if (!live) return;
        setEntries([]);
        setFailed(error instanceof StoreError ? error : new StoreError('center.bad_answer', String(error)));
      },
    );
    return () => void (live = false);
  }, [online, own, area, category, call]);
  return { area, setArea, entries, failed };
}

export type Directory = ReturnType<typeof useDirectory>;

export function ReceiverPicker({ form, directory, category }: { form: FormInstance; directory: Directory; category: string | undefined }) {
  const { t } = useTranslation(['referrals']);
  const lang = useLang();
  const refusalText = useRefusalText();
  const picked = Form.useWatch('receiverInstitution', form) as string | undefined;
  const entry = directory.entries?.find((e) => e.creditCode === picked);
  const options = (directory.entries ?? []).map((e) => ({ value: e.creditCode, label: t('referrals:center.option', { name: e.name, area: e.areaCode }) }));
  const unhandled = entry && category && entry.handledCategories.length > 0 && !entry.handledCategories.includes(category);
  return (
    <>
      <Form.Item label={t('referrals:center.area')}>
        <Radio.Group
          aria-label={t('referrals:center.area')}
          value={directory.area}
          onChange={(e) => directory.setArea(e.target.value as Area)}
          options={(['district', 'city', 'all'] as const).map((a) => ({ value: a, label: t(`referrals:center.area${a[0]!.toUpperCase()}${a.slice(1)}`) }))}
        />
      </Form.Item>
      <Form.Item name="receiverInstitution" label={t('referrals:center.institution')} extra={t('referrals:center.institutionHelp')} required>
        <Select
          aria-label={t('referrals:center.institution')}
          showSearch
          optionFilterProp="label"
          loading={directory.entries === null}
          options={options}
          notFoundContent={t('referrals:center.noneFound')}
          style={{ maxWidth: 520 }}
          onChange={(code: string) => {
            const chosen = directory.entries?.find((e) => e.creditCode === code);
            form.setFieldsValue({ receiverName: chosen?.name ?? '', receiverCreditCode: chosen?.creditCode ?? '' });
            form.setFields([{ name: 'receiverInstitution', errors: [] }]);
          }}
        />
      </Form.Item>
      {directory.failed && <Alert type="error" showIcon message={t('referrals:center.loadFailed')} description={refusalText(directory.failed).title} style={{ marginBottom: 16 }} />}
      {unhandled && <Alert type="warning" showIcon message={t('referrals:center.handledWarning', { name: entry.name, category: categoryLabel(category, lang) })} style={{ marginBottom: 16 }} />}
    </>
  );
}
