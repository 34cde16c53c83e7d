// The administrator's word on which dispute categories the institution takes on: the inbox warns
// of a referral of another category, and, joined to a center server, the server's directory lists
// the institution only for these (none chosen: every category).
import { useEffect, useState } from 'react';
import { Button, Card, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CATEGORIES } from '../../../shared/domain/categories';
import { RefusalNotice } from '../../kit/refusal';
import { useLang } from '../../kit/useLang';
import type { ReferralsController } from './useReferrals';

export function HandledCategories({ c }: { c: ReferralsController }) {
  const { t } = useTranslation('referrals');
  const lang = useLang();
  const [chosen, setChosen] = useState<string[]>(c.categories);
  useEffect(() => setChosen(c.categories), [c.categories]);
  return (
    <Card title={t('categories.title')}>
      <Flex vertical gap={8}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('categories.help')}
        </Typography.Paragraph>
        <Select
          mode="multiple"
          aria-label={t('categories.label')}
          value={chosen}
          onChange={setChosen}
          optionFilterProp="label"
          options={CATEGORIES.map((category) => ({ value: category.code, label: category.name[lang] }))}
          style={{ maxWidth: 640 }}
        />
        <div>
          <Button onClick={() => void c.saveCategories(chosen)} aria-describedby={c.refusal.describedBy('categories')}>
            {t('categories.save')}
          </Button>
        </div>
        <RefusalNotice handle={c.refusal} at="categories" />
      </Flex>
    </Card>
  );
}
