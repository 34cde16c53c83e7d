// The signed-in frame: navigation on the left, institution and user on top, the screen below.
// Feature screens are lazy chunks; the frame stays while one loads.
import { lazy, Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AuditOutlined,
  CommentOutlined,
  BarChartOutlined,
  CloudDownloadOutlined,
  FileAddOutlined,
  FileTextOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  ProfileOutlined,
  ShopOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canRegisterCase, canSeeInstitutionFigures } from '../../shared/domain/permissions';
import { institutionKindOf, kindProfileOf } from '../../shared/domain/institution-kinds';
import { hasHall } from '../../shared/hall/access';
import { dashboardScope } from '../../shared/statistics/dashboard/access';
import { useSession } from '../features/auth';
import { CenterIndicator } from '../features/center';
import { mayUseCourtIntake } from '../features/court';
import { mayWorkReferrals } from '../features/referrals';
import { mayUseDesk } from '../features/consultations';
import { StorageNotice } from '../features/storage';
import { LanguageSwitch } from './LanguageSwitch';
import { useServices } from './services';

// Scheduled backups for administrators where the host writes into folders (Electron), in the backup chunk.
const BackupScheduler = lazy(() => import('../features/backup').then((m) => ({ default: m.BackupScheduler })));

function selectedKey(pathname: string): string {
  if (pathname === '/cases/new') return '/cases/new';
  if (pathname.startsWith('/cases')) return '/cases';
  if (pathname.startsWith('/court')) return '/court';
  if (pathname.startsWith('/referrals')) return '/referrals';
  if (pathname.startsWith('/consultations')) return '/consultations';
  if (pathname.startsWith('/hall')) return '/hall';
  return pathname;
}

export function AppLayout() {
  const { t } = useTranslation(['app', 'domain']);
  const { user, institution, signOut, lock } = useSession();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const isAdmin = user.role === 'admin';
  const scheduledBackups = useServices().platform.backups !== undefined;
  // The menus follow the kind: a court has no cases of its own to mediate, a center receives no packages.
  const kind = kindProfileOf(institution);

  const items: MenuProps['items'] = [
    // The legal-service desk comes first: it is a lawyer's home (issue 18).
    ...(mayUseDesk(user, institution)
      ? [{ key: '/consultations', icon: <CommentOutlined aria-hidden />, label: <Link to="/consultations">{t('consultations:nav')}</Link> }]
      : []),
    ...(kind.mediatesCases ? [{ key: '/cases', icon: <ProfileOutlined aria-hidden />, label: <Link to="/cases">{t('app:nav.cases')}</Link> }] : []),
    ...(kind.mediatesCases && canRegisterCase(user)
      ? [{ key: '/cases/new', icon: <FileAddOutlined aria-hidden />, label: <Link to="/cases/new">{t('app:nav.newCase')}</Link> }]
      : []),
    ...(hasHall(institutionKindOf(institution)) ? [{ key: '/hall', icon: <ShopOutlined aria-hidden />, label: <Link to="/hall">{t('hall:nav')}</Link> }] : []),
    ...(kind.receivesPackages && mayUseCourtIntake(user) ? [{ key: '/court', icon: <AuditOutlined aria-hidden />, label: <Link to="/court">{t('court:nav')}</Link> }] : []),
    ...(mayWorkReferrals(user) ? [{ key: '/referrals', icon: <SwapOutlined aria-hidden />, label: <Link to="/referrals">{t('referrals:nav')}</Link> }] : []),
    ...(kind.mediatesCases && dashboardScope(user) ? [{ key: '/statistics', icon: <BarChartOutlined aria-hidden />, label: <Link to="/statistics">{t('statistics:nav')}</Link> }] : []),
    ...(kind.mediatesCases && canSeeInstitutionFigures(user) ? [{ key: '/report', icon: <FileTextOutlined aria-hidden />, label: <Link to="/report">{t('report:nav')}</Link> }] : []),
    ...(institutionKindOf(institution) === 'justice_bureau' && canSeeInstitutionFigures(user)
      ? [{ key: '/report/area', icon: <FileTextOutlined aria-hidden />, label: <Link to="/report/area">{t('report:area.nav')}</Link> }]
      : []),
    ...(isAdmin ? [{ key: '/admin/users', icon: <TeamOutlined aria-hidden />, label: <Link to="/admin/users">{t('app:nav.users')}</Link> }] : []),
    { key: '/settings', icon: <SettingOutlined aria-hidden />, label: <Link to="/settings">{t('app:nav.settings')}</Link> },
    ...(isAdmin
      ? [{ key: '/backup', icon: <CloudDownloadOutlined aria-hidden />, label: <Link to="/backup">{t('app:nav.backup')}</Link> }]
      : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        theme="light"
        width={208}
        trigger={null}
      >
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? '解' : t('app:productName')}
        </div>
        <nav aria-label={t('app:nav.label')}>
          <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', paddingInline: 24, display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}
        >
          <Space align="center" style={{ minWidth: 0 }}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
              aria-label={collapsed ? t('app:header.expandMenu') : t('app:header.collapseMenu')}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((value) => !value)}
            />
            <Typography.Text strong ellipsis data-testid="institution-name" style={{ fontSize: 16 }}>
              {institution.name}
            </Typography.Text>
          </Space>
          <Space size="middle" wrap={false}>
            <CenterIndicator />
            <span data-testid="signed-in-user">
              {user.displayName} <Tag color={isAdmin ? 'gold' : 'blue'}>{t(`domain:role.${user.role}`)}</Tag>
            </span>
            <LanguageSwitch />
            <Button icon={<LockOutlined aria-hidden />} onClick={lock}>
              {t('app:header.lock')}
            </Button>
            <Button icon={<LogoutOutlined aria-hidden />} onClick={signOut}>
              {t('app:header.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        {/* antd's Content is the page's one <main> landmark. */}
        <Layout.Content style={{ padding: 24 }}>
          <StorageNotice admin={isAdmin} />
          {isAdmin && scheduledBackups && (
            <Suspense fallback={null}>
              <BackupScheduler />
            </Suspense>
          )}
          <Suspense fallback={<Spin aria-label={t('app:loading')} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
