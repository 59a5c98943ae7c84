import 'server-only';

import { crossSiteProblem } from '../http/origin';
import { decodeParam, jsonError } from '../http/responses';
import type { WalkthroughManager } from './manager';

const noStore = { 'Cache-Control': 'no-store' };

/** What the walkthrough routes work with. */
export interface WalkthroughRouteDeps {
  manager: Pick<WalkthroughManager, 'walkthrough' | 'start' | 'finish' | 'current' | 'all'>;
}

/** `GET /api/walkthroughs`: every walkthrough's run (`idle`, `running`, …) and ticked steps. */
export function walkthroughsRoute(deps: WalkthroughRouteDeps): Response {
  return Response.json({ walkthroughs: deps.manager.all() }, { headers: noStore });
}

/** The walkthrough a route names, or its 404; a cross-site change is 400 first. */
function walkthroughOf(deps: WalkthroughRouteDeps, request: Request | null, idParam: string) {
  const problem = request === null ? null : crossSiteProblem(request);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  const id = decodeParam(idParam);
  return (
    deps.manager.walkthrough(id) ??
    jsonError(404, 'not-found', `no walkthrough named ${JSON.stringify(id)}`)
  );
}

/** `GET /api/walkthroughs/{id}`: its run now, its checks run first. */
export async function walkthroughRoute(deps: WalkthroughRouteDeps, id: string): Promise<Response> {
  const w = walkthroughOf(deps, null, id);
  if (w instanceof Response) return w;
  return Response.json(await deps.manager.current(w.id), { headers: noStore });
}

/**
 * `POST /api/walkthroughs/{id}/start`: starts it (or starts it again: reset) on a fresh
 * embedded cluster of its own; 201 with its run. 502 when the cluster cannot start.
 */
export async function startWalkthroughRoute(
  deps: WalkthroughRouteDeps,
  request: Request,
  id: string,
): Promise<Response> {
  const w = walkthroughOf(deps, request, id);
  if (w instanceof Response) return w;
  try {
    return Response.json(await deps.manager.start(w), { status: 201, headers: noStore });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return jsonError(502, 'unreachable', `the walkthrough's cluster did not start: ${why}`);
  }
}

/** `DELETE /api/walkthroughs/{id}`: finishes it: its cluster removed, its ticks kept. */
export async function finishWalkthroughRoute(
  deps: WalkthroughRouteDeps,
  request: Request,
  id: string,
): Promise<Response> {
  const w = walkthroughOf(deps, request, id);
  if (w instanceof Response) return w;
  return Response.json(await deps.manager.finish(w.id), { headers: noStore });
}
