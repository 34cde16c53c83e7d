// A new workstation's settings. The record's schema is settingsSchema (./model); its video fields
// are ./video-settings, re-exported here, which model.ts imports without importing this module.
import type { Settings } from './model';

export * from './video-settings';

/** A new workstation's settings: one month of mediation (司法部《人民调解工作若干规定》), 30 days for
 *  court-entrusted pre-litigation mediation, warnings five days ahead, the screen locked after ten idle minutes. */
export const DEFAULT_SETTINGS: Settings = {
  id: 'settings',
  language: 'zh-CN',
  idleLockMinutes: 10,
  mediationLimitDays: 30,
  courtEntrustedLimitDays: 30,
  deadlineWarningDays: 5,
  version: 0,
};
