// The auth feature's door: the institution's accounts and settings (first run, sign-in, users),
// the session every signed-in screen reads, the guards screens put around themselves, and the
// first-run and sign-in screens. Other features and the app import from here only.
export {
  authenticate,
  createUser,
  DEFAULT_SETTINGS,
  getInstitution,
  getSettings,
  isSetUp,
  listUsers,
  normalizeUsername,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  setupInstitution,
  updateSettings,
  updateUser,
  type InstitutionInput,
  type NewUserInput,
  type SettingsPatch,
  type UserPatch,
} from './accounts';
export { useAuth, useSession, type AuthContextValue, type SessionValue, type SignInResult } from './context';
export { FullPageSpinner, RequireSession, SessionProvider } from './session';
export { NoPermission, RequireKindFeature, RequireRole } from './guards';
export { CaseNumberPreview } from './CaseNumberPreview';
export { institutionCreditCodeProblem, institutionCreditCodeRule } from './credit-code';
export { LoginPage, SetupPage } from './pages';
