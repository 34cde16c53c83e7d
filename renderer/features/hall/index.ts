// The hall feature's door (issue 18 item 2): the legal-service hall's queue, appointments and
// duty rota under /hall, and the waiting area's display (/hall/display, outside the signed-in
// frame: numbers and desks only). Which institutions have a hall is shared/hall/access.ts.
// The consultation register reads a queued person's channel, number and topic (and an
// appointment's name and phone) with hallVisit(ticketId), and ends the number as served once the
// consultation is recorded with visitServed(ticketId).
export { HallRoutes } from './HallRoutes';
export { DisplayPage } from './DisplayPage';
export { consultationPathFor, hallVisit, visitServed, type HallVisit } from './visit';
