// The asterisk of a required field, derived from the check that guards it (issue 15 item 9): a
// field whose own validator refuses it empty is marked, one that accepts it empty is not, so the
// marker and the refusal cannot disagree (统一社会信用代码 was refused empty and had no asterisk).
// Fields checked by antd's `required` rule are marked by antd itself.

/** Whether `refuses` — the field's own check — refuses the field left empty. */
export function refusesEmpty(refuses: (value: string) => boolean): boolean {
  return refuses('');
}
