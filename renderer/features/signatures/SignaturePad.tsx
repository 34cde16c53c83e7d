// The drawing area of a hand signature (design.md §5). Any pointer writes: a pen, a finger, a
// mouse, or a signature pad that presents itself as one. The strokes come out in the stored form of
// shared/agreement/hand-signature.ts. Nothing of the workstation is used (no db, no platform port),
// so the same component can run on a party's own device.
import { useId } from 'react';
import { Alert, Button, Flex, Space, Typography, theme } from 'antd';
import { ClearOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SignatureStroke, Size } from '../../../shared/agreement/hand-signature';
import { useSignaturePad } from './useSignaturePad';

export interface SignaturePadProps {
  /** The drawing area's accessible name, e.g. "手写签名区：张三". */
  label: string;
  /** After each finished stroke, undo and clear: the strokes in stored form and the area they are measured in (CSS px). */
  onChange: (strokes: SignatureStroke[], size: Size) => void;
  disabled?: boolean;
}

// White paper whatever the app's theme: what the printed agreement will show.
const PAPER = '#ffffff';

export function SignaturePad({ label, onChange, disabled = false }: SignaturePadProps) {
  const { t } = useTranslation('signatures');
  const { token } = theme.useToken();
  const hintId = useId();
  const { canvasRef, count, writing, full, handlers, undo, clear } = useSignaturePad({ onChange, disabled });

  const empty = count === 0 && !writing;
  return (
    <Flex vertical gap={8}>
      <div
        style={{
          position: 'relative',
          width: '100%',
          // A finger needs room: at least 200 px, more on a tall screen.
          height: 'clamp(200px, 40vh, 320px)',
          border: `1px solid ${token.colorBorder}`,
          borderRadius: token.borderRadiusLG,
          background: PAPER,
          overflow: 'hidden',
          opacity: disabled ? 0.6 : 1,
        }}
      >
        <div aria-hidden style={{ position: 'absolute', left: '6%', right: '6%', top: '72%', borderTop: '1px dashed #bfbfbf', pointerEvents: 'none' }} />
        <div
          id={hintId}
          aria-hidden
          style={{
            position: 'absolute',
            inset: 0,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            padding: 16,
            textAlign: 'center',
            fontSize: 18,
            color: '#8c8c8c',
            pointerEvents: 'none',
            // Kept in the tree when hidden: it is the canvas's description.
            opacity: empty ? 1 : 0,
          }}
        >
          {t('pad.hint')}
        </div>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={label}
          aria-describedby={hintId}
          aria-disabled={disabled || undefined}
          style={{
            position: 'absolute',
            inset: 0,
            display: 'block',
            width: '100%',
            height: '100%',
            // A finger writes instead of scrolling or zooming the page; no callout or selection on a long press.
            touchAction: 'none',
            userSelect: 'none',
            WebkitUserSelect: 'none',
            WebkitTouchCallout: 'none',
            cursor: disabled ? 'not-allowed' : 'crosshair',
          }}
          {...handlers}
          onContextMenu={(e) => e.preventDefault()}
        />
      </div>
      {full && <Alert type="warning" showIcon title={t('pad.full')} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div role="status" aria-live="polite">
          <Typography.Text type="secondary">{count > 0 ? t('pad.count', { count }) : t('pad.none')}</Typography.Text>
        </div>
        <Space wrap>
          <Button size="large" icon={<UndoOutlined />} onClick={undo} disabled={disabled || count === 0}>
            {t('pad.undo')}
          </Button>
          <Button size="large" icon={<ClearOutlined />} onClick={clear} disabled={disabled || count === 0}>
            {t('pad.clear')}
          </Button>
        </Space>
      </Flex>
    </Flex>
  );
}
