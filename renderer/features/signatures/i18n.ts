// Texts of hand signatures on screen (namespace `signatures`). The signer may be elderly and
// holding a phone: plain words, one instruction at a time.
export const resources = {
  'zh-CN': {
    dialog: {
      title: '签名：{{name}}',
      signer: '签名人：{{name}}（{{role}}）',
      padLabel: '手写签名区：{{name}}',
      confirm: '确认签名',
      cancel: '取消',
    },
    role: { party: '当事人', agent: '代理人', mediator: '调解员' },
    pad: {
      hint: '请用手指、触控笔或鼠标在框内写下姓名',
      undo: '撤销一笔',
      clear: '清除',
      count: '已写 {{count}} 笔',
      none: '尚未书写',
      full: '笔画太多，不能继续书写。请撤销几笔或清除后重新签名。',
    },
    errors: {
      signature: {
        empty: '请在上面的框内手写签名。',
        dot: '只写了一个点，请写出完整的签名。',
        too_few_points: '笔画太短，请写出完整的签名。',
        too_small: '签名太小，请在框内写大一些。',
        too_complex: '笔画太多，请清除后重新签名。',
        invalid: '签名数据无法保存，请清除后重新签名；如仍出现此提示，请联系管理员。',
      },
    },
  },
  'en-US': {
    dialog: {
      title: 'Signature: {{name}}',
      signer: 'Signer: {{name}} ({{role}})',
      padLabel: 'Signature area: {{name}}',
      confirm: 'Confirm signature',
      cancel: 'Cancel',
    },
    role: { party: 'party', agent: 'agent', mediator: 'mediator' },
    pad: {
      hint: 'Write your name in the box with a finger, a stylus or the mouse',
      undo: 'Undo last stroke',
      clear: 'Clear',
      count: 'Strokes written: {{count}}',
      none: 'Nothing written yet',
      full: 'Too many strokes to go on writing. Undo some strokes, or clear and sign again.',
    },
    errors: {
      signature: {
        empty: 'Please sign by hand in the box above.',
        dot: 'Only a dot was written. Please write your full signature.',
        too_few_points: 'The stroke is too short. Please write your full signature.',
        too_small: 'The signature is too small. Please write larger in the box.',
        too_complex: 'Too many strokes. Please clear and sign again.',
        invalid: 'The signature could not be saved. Please clear and sign again; if this message comes back, contact your administrator.',
      },
    },
  },
} as const;
