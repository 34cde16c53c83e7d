// The filter bar of the case list. Every control writes straight into the list's view (the URL);
// only the search box waits for a pause in typing, so each keystroke does not start a query.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, DatePicker, Flex, Input, Select, Tag, Tooltip } from 'antd';
import { ClearOutlined, CloseOutlined, SortAscendingOutlined, SortDescendingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { CASE_SOURCES, CASE_STATUSES } from '../../../../shared/domain/model';
import { CATEGORIES } from '../common/categories';
import { useLang } from '../../../kit/useLang';
import type { UsersIndex } from '../common/useUsers';
import { CLEAR_FILTERS, SORT_KEYS, UNASSIGNED_FILTER, type ListView, type ViewPatch } from './view';

export const SEARCH_DEBOUNCE_MS = 300;

export interface CaseFiltersProps {
  view: ListView;
  onChange(patch: ViewPatch, options?: { replace?: boolean }): void;
  users: UsersIndex;
  /** The districts recorded on the cases the viewer may see (the district filter's choices). */
  districts: readonly string[];
  /** Mediators see their own and unassigned cases only, so the mediator filter is not offered. */
  showMediatorFilter: boolean;
}

type SelectFilter = 'category' | 'status' | 'mediatorId' | 'source' | 'district';

/** A choice of one filter of the view, placeholder "all"; cleared, that filter is gone. */
function FilterSelect<K extends SelectFilter>({
  field,
  label,
  all,
  options,
  searchable = false,
  view,
  onChange,
  width,
}: {
  field: K;
  label: string;
  all: string;
  options: { value: NonNullable<ListView[K]>; label: string }[];
  /** Typing narrows the options by their label. */
  searchable?: boolean;
  view: ListView;
  onChange: CaseFiltersProps['onChange'];
  width: number;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={all}
      allowClear
      {...(searchable ? { showSearch: { optionFilterProp: 'label' } } : {})}
      options={options}
      value={view[field]}
      onChange={(value?: ListView[K]) => onChange({ [field]: value || undefined })}
      style={{ width }}
    />
  );
}

export function CaseFilters({ view, onChange, users, districts, showMediatorFilter }: CaseFiltersProps) {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();
  const [text, setText] = useState(view.text ?? '');
  const lastSent = useRef(view.text ?? '');

  // The URL changed by other means (back button, a bookmark, "clear"): show its text.
  useEffect(() => {
    if ((view.text ?? '') !== lastSent.current) {
      lastSent.current = view.text ?? '';
      setText(view.text ?? '');
    }
  }, [view.text]);

  useEffect(() => {
    if (text === lastSent.current) return;
    const timer = window.setTimeout(() => {
      lastSent.current = text;
      onChange({ text: text.trim() === '' ? undefined : text }, { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, onChange]);

  const categoryOptions = useMemo(
    () => CATEGORIES.map((c) => ({ value: c.code, label: c.name[language] })),
    [language],
  );
  const statusOptions = useMemo(() => CASE_STATUSES.map((s) => ({ value: s, label: t(`domain:status.${s}`) })), [t]);
  const sourceOptions = useMemo(() => CASE_SOURCES.map((s) => ({ value: s, label: t(`domain:source.${s}`) })), [t]);
  const mediatorOptions = useMemo(
    () => [{ value: UNASSIGNED_FILTER, label: t('cases:list.unassigned') }, ...users.mediators.map((u) => ({ value: u.id, label: u.displayName }))],
    [users.mediators, t],
  );
  // A district named by the URL (a dashboard's link) is shown even before the catalog has answered.
  const districtOptions = useMemo(() => {
    const names = view.district && !districts.includes(view.district) ? [view.district, ...districts] : districts;
    return names.map((name) => ({ value: name, label: name }));
  }, [districts, view.district]);
  const sortOptions = SORT_KEYS.map((key) => ({ value: key, label: t(`cases:list.sort.${key}`) }));

  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    view.from || view.to ? [view.from ? dayjs(view.from) : null, view.to ? dayjs(view.to) : null] : null;

  return (
    <Flex wrap gap={12} align="center" role="search" aria-label={t('cases:list.filtersLabel')}>
      <Input.Search
        aria-label={t('cases:list.search')}
        placeholder={t('cases:list.searchPlaceholder')}
        allowClear
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => {
          lastSent.current = value;
          setText(value);
          onChange({ text: value.trim() === '' ? undefined : value }, { replace: true });
        }}
        style={{ width: 300 }}
      />
      <FilterSelect field="category" label={t('cases:list.category')} all={t('cases:list.categoryAll')} options={categoryOptions} searchable view={view} onChange={onChange} width={220} />
      <FilterSelect field="status" label={t('cases:list.status')} all={t('cases:list.statusAll')} options={statusOptions} view={view} onChange={onChange} width={220} />
      {showMediatorFilter && (
        <FilterSelect field="mediatorId" label={t('cases:list.mediator')} all={t('cases:list.mediatorAll')} options={mediatorOptions} searchable view={view} onChange={onChange} width={180} />
      )}
      <FilterSelect field="source" label={t('cases:list.source')} all={t('cases:list.sourceAll')} options={sourceOptions} view={view} onChange={onChange} width={180} />
      <FilterSelect field="district" label={t('cases:list.district')} all={t('cases:list.districtAll')} options={districtOptions} searchable view={view} onChange={onChange} width={160} />
      <DatePicker.RangePicker
        aria-label={t('cases:list.registeredRange')}
        placeholder={[t('cases:list.registeredFrom'), t('cases:list.registeredTo')]}
        value={range}
        allowEmpty={[true, true]}
        onChange={(dates) =>
          onChange({
            from: dates?.[0] ? dates[0].format('YYYY-MM-DD') : undefined,
            to: dates?.[1] ? dates[1].format('YYYY-MM-DD') : undefined,
          })
        }
      />
      <Checkbox checked={Boolean(view.overdue)} onChange={(event) => onChange({ overdue: event.target.checked || undefined })}>
        {t('cases:list.overdueOnly')}
      </Checkbox>
      <Checkbox checked={Boolean(view.risk)} onChange={(event) => onChange({ risk: event.target.checked || undefined })}>
        {t('cases:list.atRiskOnly')}
      </Checkbox>
      {view.repeat && (
        <Tag closable color="purple" closeIcon={<CloseOutlined aria-label={t('cases:list.repeatClear')} />} onClose={() => onChange({ repeat: undefined })}>
          {t('cases:list.repeat')}
        </Tag>
      )}
      <Flex gap={4} align="center">
        <Select aria-label={t('cases:list.sortBy')} options={sortOptions} value={view.sort} onChange={(sort) => onChange({ sort })} style={{ width: 150 }} />
        <Tooltip title={view.dir === 'asc' ? t('cases:list.ascending') : t('cases:list.descending')}>
          <Button
            aria-label={view.dir === 'asc' ? t('cases:list.ascending') : t('cases:list.descending')}
            icon={view.dir === 'asc' ? <SortAscendingOutlined aria-hidden /> : <SortDescendingOutlined aria-hidden />}
            onClick={() => onChange({ dir: view.dir === 'asc' ? 'desc' : 'asc' })}
          />
        </Tooltip>
      </Flex>
      <Button
        icon={<ClearOutlined aria-hidden />}
        onClick={() => {
          lastSent.current = '';
          setText('');
          onChange(CLEAR_FILTERS);
        }}
      >
        {t('cases:list.clearFilters')}
      </Button>
    </Flex>
  );
}
