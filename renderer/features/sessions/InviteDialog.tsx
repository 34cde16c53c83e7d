// The invitations of a session: one link per participant (to send by SMS or WeChat) or its QR
// code (to scan from the screen). Each link carries that participant's token — a bearer credential
// — so it is minted when the mediator opens this, valid until a while after the session's end, and
// never stored.
import { Alert, App, Button, Flex, Input, Modal, Select, Spin, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TOKEN_TTL_SECONDS } from '../../../shared/protocol/signaling';
import { invitationLink } from '../../../shared/sessions/invitation';
import type { InvitedParticipant, VideoSession } from '../../../shared/sessions/model';
import type { SignalingTarget } from './signaling-target';
import { useSession } from '../auth';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';

/** Links stay valid until two hours after the planned end, so a late start or overrun still works. */
const GRACE_AFTER_END_MS = 2 * 3600 * 1000;

export function invitationLifetimeSeconds(session: Pick<VideoSession, 'scheduledStart' | 'durationMinutes'>, now: number): number | null {
  const end = Date.parse(session.scheduledStart) + session.durationMinutes * 60_000 + GRACE_AFTER_END_MS;
  const seconds = Math.ceil((end - now) / 1000);
  if (seconds <= 0) return null;
  return Math.min(seconds, MAX_TOKEN_TTL_SECONDS);
}

/**
 * Browsers open cameras only on secure pages: https, or this machine itself. A party's phone
 * opening http://192.168.…/ gets no camera, so the mediator is told before sending such a link.
 */
export function securePageFor(base: string): boolean {
  try {
    const url = new URL(base);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

interface Minted {
  participant: InvitedParticipant;
  token: string;
  expiresAt: number;
}

function QrImage({ text, label }: { text: string; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 220 }).then((data) => {
      if (!cancelled) setUrl(data);
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return url ? <img src={url} alt={label} width={220} height={220} /> : <Spin />;
}

export function InviteDialog({ session, target, open, onClose }: { session: VideoSession; target: SignalingTarget; open: boolean; onClose(): void }) {
  const { t } = useTranslation('sessions');
  const language = useLang();
  const { message } = App.useApp();
  const { institution } = useSession();
  const institutionName = institution.name;
  const [minted, setMinted] = useState<Minted[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [base, setBase] = useState(target.joinBases[0] ?? '');
  const [openedAt] = useState(() => Date.now());

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setMinted(null);
    setProblem(null);
    const ttl = invitationLifetimeSeconds(session, Date.now());
    if (ttl === null) {
      setProblem(t('invite.tooLate'));
      return;
    }
    const parties = session.participants.filter((p) => p.role !== 'mediator');
    const mediator = session.participants.find((p) => p.role === 'mediator');
    // Signed into each party's token, so the join page can say who invites them.
    const host = mediator ? { institution: institutionName, mediator: mediator.name } : undefined;
    target
      .mint({ session: session.id, ttlSeconds: ttl, participants: parties.map(({ role, name, id }) => ({ role, name, id })), ...(host ? { host } : {}) })
      .then((response) => {
        if (cancelled) return;
        setMinted(
          parties.flatMap((participant) => {
            const token = response.tokens.find((tk) => tk.id === participant.id);
            return token ? [{ participant, token: token.token, expiresAt: token.expiresAt }] : [];
          }),
        );
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(t('invite.mintFailed', { detail: (error as Error)?.message ?? String(error) }));
      });
    return () => {
      cancelled = true;
    };
  }, [open, session, target, t, institutionName]);

  const copy = async (text: string, name: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('invite.copied', { name }));
    } catch {
      void message.warning(t('invite.copyManually'));
    }
  };

  const farFuture = Date.parse(session.scheduledStart) - openedAt > MAX_TOKEN_TTL_SECONDS * 1000 - 3 * 3600 * 1000;
  return (
    <Modal open={open} title={t('invite.title', { number: session.number })} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={760}>
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon message={t('invite.private')} />
        {farFuture && <Alert type="info" showIcon message={t('invite.farFuture')} />}
        {target.joinBases.length > 1 && (
          <Flex gap={8} align="center">
            <Typography.Text id="invite-base-label">{t('invite.base')}</Typography.Text>
            <Select value={base} onChange={setBase} aria-labelledby="invite-base-label" options={target.joinBases.map((b) => ({ value: b, label: b }))} style={{ minWidth: 280 }} />
          </Flex>
        )}
        {!securePageFor(base) && <Alert type="warning" showIcon role="alert" message={t('invite.insecure')} />}
        {problem && <Alert type="error" showIcon role="alert" message={problem} />}
        {!minted && !problem && <Spin aria-label={t('invite.minting')} />}
        {minted?.map(({ participant, token, expiresAt }) => {
          const link = invitationLink(base, token);
          const label = t('invite.linkFor', { name: participant.name, role: t(`role.${participant.role}`) });
          return (
            <section key={participant.id} aria-label={label} style={{ border: '1px solid #eee', borderRadius: 8, padding: 12 }}>
              <Typography.Text strong>{label}</Typography.Text>
              <Flex gap={8} style={{ marginTop: 8 }}>
                <Input readOnly value={link} aria-label={t('invite.link', { name: participant.name })} />
                <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy(link, participant.name)}>
                  {t('invite.copy')}
                </Button>
              </Flex>
              <Typography.Text type="secondary">{t('invite.validUntil', { time: formatDateTime(new Date(expiresAt), language) })}</Typography.Text>
              {participant.invitation === 'qr' && (
                <div style={{ marginTop: 8 }}>
                  <QrImage text={link} label={t('invite.qr', { name: participant.name })} />
                </div>
              )}
            </section>
          );
        })}
      </Flex>
    </Modal>
  );
}
