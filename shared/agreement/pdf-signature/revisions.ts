// What a later incremental update changed in a signed revision. Both PDF signatures can be valid
// while the institution's update redefines a page of what the mediator (and the parties) signed:
// a signature covers bytes, and an update may replace objects by number. pdfsig does not look.
// The agreement's second update may only add its signature: a signature dictionary, an invisible
// signature widget, the form, the page's /Annots, the catalog's /AcroForm and the form's /Fields
// and /SigFlags. Anything else, redefined or new, is reported,
// and an update that hides objects in object or cross-reference streams is refused outright (our
// signer writes classic tables, so nothing legitimate is lost).

const decoder = new TextDecoder('latin1');

interface ObjectText {
  id: string;
  body: string;
}

function objectsIn(text: string): ObjectText[] {
  const out: ObjectText[] = [];
  const header = /(?:^|[\r\n\s])(\d{1,10}) (\d{1,5}) obj\b/g;
  for (let m = header.exec(text); m !== null; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    out.push({ id: `${m[1]} ${m[2]}`, body: text.slice(start, end === -1 ? text.length : end) });
    if (end === -1) break;
    header.lastIndex = end;
  }
  return out;
}

const ALLOWED_ENTRY = [/\/Annots\s*\[[^\]]*\]/g, /\/Annots\s+\d+\s+\d+\s+R/g, /\/AcroForm\s+\d+\s+\d+\s+R/g, /\/Fields\s*\[[^\]]*\]/g, /\/SigFlags\s+\d+/g];

/** A dictionary's text without the entries a signature update may change, spacing normalised. */
function comparable(body: string): string {
  let text = body;
  for (const entry of ALLOWED_ENTRY) text = text.replace(entry, ' ');
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*(<<|>>|\[|\])\s*/g, '$1')
    .trim();
}

/**
 * The only new objects a signature update brings: the signature dictionary, its invisible widget
 * and the form. Anything else (an annotation drawn over the text, a new page) could change what
 * a reader sees.
 */
function isSignatureObject(body: string): boolean {
  if (/\bstream\b/.test(body)) return false;
  if (/\/Type\s*\/(Sig|AcroForm)\b/.test(body)) return !/\/XFA\b/.test(body);
  return /\/Subtype\s*\/Widget\b/.test(body) && /\/FT\s*\/Sig\b/.test(body) && !/\/AP\b/.test(body);
}

export interface RevisionChange {
  /** Object numbers ("6 0") of the signed revision that the update redefined beyond a signature. */
  changed: string[];
  /** The update uses object or cross-reference streams, which this check does not open. */
  opaque: boolean;
}

/** Compares the update after `signedEnd` with the revision before it. */
export function changesAfterRevision(pdf: Uint8Array, signedEnd: number): RevisionChange {
  const signed = decoder.decode(pdf.subarray(0, signedEnd));
  const update = decoder.decode(pdf.subarray(signedEnd));
  if (/\/Type\s*\/(ObjStm|XRef)\b/.test(update)) return { changed: [], opaque: true };
  const before = new Map<string, string>();
  for (const object of objectsIn(signed)) before.set(object.id, object.body);
  const changed = objectsIn(update)
    .filter((object) => {
      const earlier = before.get(object.id);
      if (earlier === undefined) return !isSignatureObject(object.body);
      if (/\bstream\b/.test(object.body) || /\bstream\b/.test(earlier)) return true;
      return comparable(earlier) !== comparable(object.body);
    })
    .map((object) => object.id);
  return { changed, opaque: false };
}
