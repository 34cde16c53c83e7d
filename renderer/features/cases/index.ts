// The cases feature's door: the case screens under /cases (the list, intake and one case, each
// loaded lazily by CasesRoutes). The case page hosts other features' tabs (evidence, sessions,
// agreement, confirmation), so nothing here is for those features to import: cases themselves
// are read and changed through the case store (../case-store).
export { CasesRoutes } from './CasesRoutes';
