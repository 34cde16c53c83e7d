// The desk list's filter bar: a search (run on Enter or the button) and choices of topic, outcome,
// channel and period, each written into the URL.
import { useEffect, useState } from 'react';
import { DatePicker, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { ConsultationQuery } from '../query';
import { useNames } from '../names';

export interface DeskFiltersProps {
  query: ConsultationQuery;
  onChange(patch: Partial<ConsultationQuery>): void;
}

export function DeskFilters({ query, onChange }: DeskFiltersProps) {
  const { t } = useTranslation('consultations');
  const names = useNames();
  const [text, setText] = useState(query.text ?? '');
  useEffect(() => setText(query.text ?? ''), [query.text]);
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;
  const select = (field: 'topic' | 'outcome' | 'channel', label: string, options: { label: string; options?: unknown; value?: string }[], width: number) => (
    <Select
      aria-label={label}
      placeholder={`${label}：${t('filters.all')}`}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={options as never}
      value={query[field]}
      onChange={(value?: string) => onChange({ [field]: value || undefined })}
      style={{ width }}
    />
  );
  return (
    <Flex wrap gap={12} align="center" role="search" aria-label={t('filters.label')}>
      <Input.Search
        aria-label={t('filters.search')}
        placeholder={t('filters.search')}
        enterButton={t('filters.searchButton')}
        allowClear
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value === '' && query.text) onChange({ text: undefined });
        }}
        onSearch={(value) => onChange({ text: value.trim() === '' ? undefined : value.trim() })}
        style={{ width: 380 }}
      />
      {select('topic', t('filters.topic'), names.topicGroups(t('form.topicDisputes'), t('form.topicOther')), 240)}
      {select('outcome', t('filters.outcome'), names.outcomeOptions, 200)}
      {select('channel', t('filters.channel'), names.channelOptions, 160)}
      <DatePicker.RangePicker
        aria-label={t('filters.period')}
        placeholder={[t('filters.from'), t('filters.to')]}
        value={range}
        allowEmpty={[true, true]}
        onChange={(dates) => onChange({ from: dates?.[0] ? dates[0].format('YYYY-MM-DD') : undefined, to: dates?.[1] ? dates[1].format('YYYY-MM-DD') : undefined })}
      />
    </Flex>
  );
}
