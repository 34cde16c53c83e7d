// The connection indicator (issue 17 item 8): connected, syncing, offline with N changes waiting,
// or not signed in. Shown in the frame's header only once the workstation has joined a server;
// local-only use shows nothing. A status region, so a screen reader hears it change.
import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined, UserOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConnectionPhase, ConnectionState } from './connection';
import { useCenter } from './useCenter';

const LOOK: Record<Exclude<ConnectionPhase, 'local'>, { color: string; icon: React.ReactNode }> = {
  connected: { color: 'green', icon: <CloudOutlined aria-hidden /> },
  syncing: { color: 'blue', icon: <CloudSyncOutlined aria-hidden /> },
  offline: { color: 'orange', icon: <DisconnectOutlined aria-hidden /> },
  'signed-out': { color: 'default', icon: <UserOutlined aria-hidden /> },
};

function useStatusText(state: ConnectionState): string | null {
  const { t } = useTranslation('center');
  if (state.phase === 'local') return null;
  const text = t(`status.${state.phase}`, { count: state.waiting });
  // Changes wait whenever the server has not taken them, signed in or not.
  return state.phase !== 'offline' && state.waiting > 0 ? `${text} · ${t('status.waiting', { count: state.waiting })}` : text;
}

/** The state as a tag, for the Settings card. */
export function CenterStatus() {
  const { state } = useCenter();
  const text = useStatusText(state);
  if (state.phase === 'local' || text === null) return null;
  const look = LOOK[state.phase];
  return (
    <Tag color={look.color} icon={look.icon} data-testid="center-status">
      {text}
    </Tag>
  );
}

/** The frame's indicator: a link to Settings, named by the state. */
export function CenterIndicator() {
  const { t } = useTranslation('center');
  const { state } = useCenter();
  const text = useStatusText(state);
  if (state.phase === 'local' || text === null) return null;
  const look = LOOK[state.phase];
  return (
    <span role="status" aria-label={t('status.label')}>
      <Link to="/settings" aria-label={text} data-testid="center-indicator">
        <Tag color={look.color} icon={look.icon} style={{ marginInlineEnd: 0 }}>
          {text}
        </Tag>
      </Link>
    </span>
  );
}
