// A refusal shown where the user acted (issue 15 item 6). A step that refuses — finalising,
// signing, building, submitting, registering, a status change, an import — says why beside the
// control that was refused, moves the view to it if it is out of sight, and is tied to that
// control by aria-describedby so a screen reader reads the reason with the button. Each item of
// the refusal may name its field and take the user there.
import { Alert } from 'antd';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KIT_NS } from './i18n';

/** Read by screen readers, not shown: the link's full name without repeating the field on screen. */
const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 };

export interface RefusalItem {
  text: string;
  /** The field the item is about, as the form labels it ("纠纷的主要事实"). */
  field?: string;
  /** Takes the user to that field (scrolls to it and focuses it). */
  go?: () => void;
  /** What the "go to" link names when the item has no field label (an undertaking's words). */
  goName?: string;
}

export interface Refusal {
  /** Which control was refused (a key the screen chooses: 'finalise', 'build', …). */
  at: string;
  title: string;
  items: RefusalItem[];
}

export interface RefusalHandle {
  refusal: Refusal | null;
  /** The id of the shown refusal, for aria-describedby. */
  id: string;
  refuse: (at: string, title: string, items?: readonly RefusalItem[]) => void;
  clear: () => void;
  /** aria-describedby for control `at`: the refusal's id while that control's refusal is shown. */
  describedBy: (at: string) => string | undefined;
  /** Whether the refusal shown is the one of control `at` (to render it beside that control). */
  isAt: (at: string) => boolean;
}

/** One refusal at a time per screen: a new step's refusal replaces the last one. */
export function useRefusal(): RefusalHandle {
  const id = `refusal-${useId().replace(/:/g, '')}`;
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const refuse = useCallback((at: string, title: string, items: readonly RefusalItem[] = []) => setRefusal({ at, title, items: [...items] }), []);
  const clear = useCallback(() => setRefusal(null), []);
  return useMemo(
    () => ({
      refusal,
      id,
      refuse,
      clear,
      describedBy: (at: string) => (refusal?.at === at ? id : undefined),
      isAt: (at: string) => refusal?.at === at,
    }),
    [refusal, id, refuse, clear],
  );
}

/**
 * The refusal of control `at`, if that is the one shown. Place it next to the control; it scrolls
 * itself into view when it appears, so a button at the bottom of a long tab never seems to do nothing.
 */
export function RefusalNotice({ handle, at, extra }: { handle: RefusalHandle; at: string; extra?: ReactNode }) {
  const { t } = useTranslation(KIT_NS);
  const ref = useRef<HTMLDivElement>(null);
  const shown = handle.isAt(at) ? handle.refusal : null;
  useEffect(() => {
    // 'nearest' moves the view only as far as needed: a refusal already in sight stays put.
    if (shown) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'auto' });
  }, [shown]);
  if (!shown) return null;
  return (
    <div ref={ref} id={handle.id}>
      <Alert
        type="error"
        showIcon
        role="alert"
        message={shown.title}
        description={
          shown.items.length > 0 || extra ? (
            <>
              {shown.items.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {shown.items.map((item, i) => (
                    <li key={`${i}-${item.text}`}>
                      {item.field ? t('refusal.item', { field: item.field, text: item.text }) : item.text}
                      {item.go && (
                        <>
                          {' '}
                          <a
                            href="#"
                            // Underlined: a link inside a sentence is told apart by more than its colour.
                            style={{ textDecoration: 'underline' }}
                            onClick={(event) => {
                              event.preventDefault();
                              item.go?.();
                            }}
                          >
                            {t('refusal.goTo')}
                            {/* Named by its content, not aria-label: a label naming the field would also label the link as that field. */}
                            {(item.field || item.goName) && <span style={VISUALLY_HIDDEN}>{t('refusal.goToTarget', { field: item.field ?? item.goName })}</span>}
                          </a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {extra}
            </>
          ) : undefined
        }
        closable
        onClose={handle.clear}
      />
    </div>
  );
}

/** Takes the user to an element by id: into the middle of the view, focused (a refusal's "go to"). */
export function focusById(id: string): void {
  const element = document.getElementById(id);
  element?.scrollIntoView?.({ block: 'center' });
  element?.focus();
}
