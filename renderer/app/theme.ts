// The app's antd theme. antd's grey secondary texts and placeholders (45% and 25% black), its link
// blue, its error red, success green, warning gold and an empty table's message measure 1.8–4.1:1 on white; WCAG AA asks 4.5:1 for text, and people read
// these at a counter, often on poor screens. Each is darkened just enough to pass, keeping the
// hierarchy: primary text, then secondary, then descriptions and placeholders. Tags: contrast.css.
import type { ThemeConfig } from 'antd';
import './contrast.css';

const PRIMARY = '#1f4e8c';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#874d00',
    colorTextSecondary: 'rgba(0, 0, 0, 0.70)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
    colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.60)',
  },
  components: {
    // An empty table says so in antd's disabled grey (1.8:1): it is a message, not a disabled control.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.64)' },
  },
};
