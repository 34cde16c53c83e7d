// Targets a finger hits at a counter's touch screen: at least 48 px high and wide (WCAG 2.5.5
// asks 44), with text large enough to read standing.
import type { CSSProperties } from 'react';

export const TOUCH: CSSProperties = { minHeight: 48, minWidth: 48, fontSize: 18 };
