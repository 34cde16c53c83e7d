// A request refused: the HTTP status and the Problem the body carries (shared/problem.ts). Thrown
// anywhere in a route; the host turns it into the answer. Its English message is for the log.
import { problem, type Problem, type ProblemParams } from '../shared/problem';
import type { ServerProblemKey } from '../shared/server/problems';

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.key} ${JSON.stringify(problem.params)}`);
    this.name = 'Refusal';
  }
}

export function refuse(status: number, key: ServerProblemKey, params: ProblemParams = {}, items?: readonly Problem[]): Refusal {
  return new Refusal(status, problem(key, params, items));
}

/** Another institution's id and a missing one get the same answer: nothing says which it was. */
export function notFound(): Refusal {
  return refuse(404, 'server.not_found');
}

export function forbidden(action: string): Refusal {
  return refuse(403, 'server.forbidden', { action });
}

export function invalid(items: readonly Problem[]): Refusal {
  return refuse(422, 'server.invalid_request', { count: items.length }, items);
}
