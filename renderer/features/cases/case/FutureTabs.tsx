// Tabs for what later work adds to a case. Each says plainly what it will hold, rather than
// pretending to hold it already.
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

export const FUTURE_TABS = ['confirmation'] as const;
export type FutureTab = (typeof FUTURE_TABS)[number];

export function FutureTabContent({ tab }: { tab: FutureTab }) {
  const { t } = useTranslation('cases');
  return <Empty description={t(`page.future.${tab}`)} />;
}
