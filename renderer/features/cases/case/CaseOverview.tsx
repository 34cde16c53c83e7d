// The case page's first tab: the parties, and the case's details (edited in place by those who
// may change the case).
import { Button, Flex, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/domain/model';
import { CaseDetails } from './CaseDetails';
import { EditDetails } from './EditDetails';
import { PartiesBlock } from './PartiesBlock';
import { StatisticsDetails } from './StatisticsDetails';
import type { CasePageModel } from './useCasePage';

export function CaseOverview({ page, record }: { page: CasePageModel; record: Case }) {
  const { t } = useTranslation(['cases', 'domain']);
  const { user, editing, setEditing } = page;
  return (
    <Flex vertical gap={24}>
      <section aria-labelledby="parties-heading">
        <Typography.Title level={2} style={{ fontSize: 24 }} id="parties-heading">
          {t('cases:page.parties')}
        </Typography.Title>
        <PartiesBlock parties={page.state.parties} user={user} onRevealed={() => void page.state.reload()} />
      </section>
      <section aria-labelledby="details-heading">
        <Flex justify="space-between" align="center">
          <Typography.Title level={2} style={{ fontSize: 24 }} id="details-heading">
            {t('cases:page.detailsHeading')}
          </Typography.Title>
          {page.canEdit && !editing && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              {t('cases:edit.start')}
            </Button>
          )}
        </Flex>
        {editing ? (
          <EditDetails
            record={record}
            user={user}
            onSaved={(saved) => {
              setEditing(false);
              page.onSaved(saved);
            }}
            onChanged={page.onChanged}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <CaseDetails record={record} />
        )}
      </section>
      <StatisticsDetails page={page} record={record} />
    </Flex>
  );
}
