// Text pasted from Word, WeChat or a PDF brings invisible control characters (and Windows line
// ends). The form removes them as the text arrives, so what the user sees is what will be saved;
// the domain validator still refuses what cannot be cleaned safely (bidirectional overrides,
// broken surrogates) with a message beside the field.

// C0 controls except tab and line feed, DEL, C1 controls, zero-width no-break space (BOM).
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g;

/** Removes control characters; CR LF and lone CR become LF. Leaves everything else untouched. */
export function stripControlChars(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

/** A Form.Item `normalize` for text inputs. */
export function cleanPastedText(value: unknown): unknown {
  return typeof value === 'string' ? stripControlChars(value) : value;
}

/** How many characters stripControlChars would remove (to tell the user it happened). */
export function countControlChars(value: string): number {
  return value.replace(/\r\n/g, '\n').length - stripControlChars(value).length;
}
