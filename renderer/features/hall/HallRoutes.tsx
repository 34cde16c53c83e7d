// The hall under /hall: the queue (counter and desks), appointments and the duty rota, each a
// section of one frame with large links for a touch screen; the waiting area's display is a route
// of its own outside the signed-in frame (DisplayPage).
import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { institutionKindOf } from '../../../shared/domain/institution-kinds';
import { hasHall } from '../../../shared/hall/access';
import { useSession } from '../auth';
import { TOUCH } from './touch';

const QueuePage = lazy(() => import('./QueuePage'));
const AppointmentsPage = lazy(() => import('./AppointmentsPage'));
const RotaPage = lazy(() => import('./RotaPage'));

const SECTIONS = [
  { to: '/hall', key: 'queue', end: true },
  { to: '/hall/appointments', key: 'appointments', end: false },
  { to: '/hall/rota', key: 'rota', end: false },
] as const;

function SectionLinks() {
  const { t } = useTranslation('hall');
  return (
    <nav aria-label={t('sections.label')}>
      <Space wrap size="small">
        {SECTIONS.map((s) => (
          <NavLink
            key={s.key}
            to={s.to}
            end={s.end}
            style={({ isActive }) => ({
              ...TOUCH,
              display: 'inline-flex',
              alignItems: 'center',
              padding: '0 20px',
              borderRadius: 8,
              border: '1px solid #0958d9',
              // #0958d9 keeps white text above 4.5:1.
              background: isActive ? '#0958d9' : '#fff',
              color: isActive ? '#fff' : '#0958d9',
              fontWeight: isActive ? 600 : 400,
            })}
          >
            {t(`sections.${s.key}`)}
          </NavLink>
        ))}
      </Space>
    </nav>
  );
}

/** Opens the display for the waiting area in a window of its own (same store, so it follows every call). */
function OpenDisplay() {
  const { t } = useTranslation('hall');
  // The browser and the desktop shell both open it (the shell allows exactly this one window,
  // electron/hardening.ts).
  return (
    <Space align="center" wrap>
      <Typography.Text type="secondary" id="hall-display-hint" style={{ maxWidth: 360, display: 'inline-block' }}>
        {t('openDisplayHint')}
      </Typography.Text>
      <Button
        size="large"
        style={TOUCH}
        icon={<DesktopOutlined aria-hidden />}
        aria-describedby="hall-display-hint"
        onClick={() => window.open('#/hall/display', 'mw-hall-display', 'popup,width=1280,height=720')}
      >
        {t('openDisplay')}
      </Button>
    </Space>
  );
}

export function HallRoutes() {
  const { t } = useTranslation('hall');
  const { institution } = useSession();
  if (!hasHall(institutionKindOf(institution))) return <Alert type="info" showIcon message={t('notForKind')} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
          {t('title')}
        </Typography.Title>
        <OpenDisplay />
      </div>
      <SectionLinks />
      <Suspense fallback={<Spin aria-label={t('title')} />}>
        <Routes>
          <Route index element={<QueuePage />} />
          <Route path="appointments" element={<AppointmentsPage />} />
          <Route path="rota" element={<RotaPage />} />
        </Routes>
      </Suspense>
    </Space>
  );
}
