// The waiting area's display (issue 18 item 2): a window or a second screen showing only the
// numbers called and their desks, in large type, following every call made in any window of this
// workstation (the change feed crosses windows). It lives outside the signed-in frame, so it
// carries no sign-in control and no menu; what it reads of a ticket is shared/hall's
// displayedCalls — number, desk, time — never a name, a topic or a lawyer.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { displayedCalls, hallDayOf, type DisplayedCall } from '../../../shared/hall/queue';
import { useServices } from '../../app/services';
import { useHallRecords, useNow } from './hooks';
import { loadTickets } from './store';

const PAGE = { minHeight: '100vh', margin: 0, padding: '4vh 5vw', background: '#0b1f3a', color: '#ffffff', boxSizing: 'border-box' } as const;

function Latest({ call }: { call: DisplayedCall }) {
  const { t } = useTranslation('hall');
  return (
    <section aria-label={t('display.nowCalling')} style={{ textAlign: 'center', padding: '4vh 0', borderBottom: '2px solid #3d5a80' }}>
      <div style={{ fontSize: 'clamp(72px, 18vw, 240px)', fontWeight: 800, lineHeight: 1, letterSpacing: '0.05em', fontVariantNumeric: 'tabular-nums' }} data-testid="display-latest-number">
        {call.number}
      </div>
      <div style={{ fontSize: 'clamp(32px, 6vw, 96px)', fontWeight: 700, color: '#ffd666', marginTop: '2vh' }}>{t('display.deskName', { desk: call.desk })}</div>
      {call.calls > 1 && <div style={{ fontSize: 'clamp(20px, 3vw, 40px)', color: '#ffd666' }}>{t('display.recalled')}</div>}
    </section>
  );
}

function Earlier({ calls }: { calls: readonly DisplayedCall[] }) {
  const { t } = useTranslation('hall');
  if (calls.length === 0) return null;
  return (
    <table style={{ width: '100%', marginTop: '4vh', borderCollapse: 'collapse', fontSize: 'clamp(24px, 4vw, 56px)' }}>
      <thead>
        <tr style={{ color: '#bcd0ea' }}>
          <th scope="col" style={{ textAlign: 'left', fontWeight: 600 }}>
            {t('display.number')}
          </th>
          <th scope="col" style={{ textAlign: 'left', fontWeight: 600 }}>
            {t('display.desk')}
          </th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr key={call.number}>
            <td style={{ padding: '1vh 0', fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{call.number}</td>
            <td style={{ padding: '1vh 0' }}>{t('display.deskName', { desk: call.desk })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DisplayPage() {
  const { t } = useTranslation('hall');
  const { data } = useServices();
  // A minute's clock is enough: it only moves the display to the next day at midnight.
  const day = hallDayOf(useNow(60_000));
  const load = useCallback(async () => displayedCalls(await loadTickets(data, day), day), [data, day]);
  const { value: calls } = useHallRecords(data, load);
  const [latest, ...earlier] = calls ?? [];
  return (
    <main style={PAGE}>
      <h1 style={{ color: '#ffffff', fontSize: 'clamp(28px, 4vw, 56px)', margin: 0 }}>{t('display.title')}</h1>
      {/* Read aloud by a screen reader as each number is called. */}
      <div aria-live="polite" aria-atomic="true" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {latest ? t('display.announce', { number: latest.number, desk: latest.desk }) : ''}
      </div>
      {latest ? <Latest call={latest} /> : <p style={{ fontSize: 'clamp(24px, 4vw, 48px)', marginTop: '10vh', textAlign: 'center', color: '#e6f0ff' }}>{t('display.none')}</p>}
      <Earlier calls={earlier} />
    </main>
  );
}
