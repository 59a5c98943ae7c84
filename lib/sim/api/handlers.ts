import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import { SELF_SUBJECT_ACCESS_REVIEWS } from '../store/resources';
import type { KObject } from '../store/types';
import {
  badRequest,
  invalid,
  methodNotAllowed,
  unknownResource,
  unsupportedMediaType,
  type FieldError,
} from './errors';
import { filterFromQuery } from './filters';
import {
  decodeObject,
  dryRunParam,
  intParam,
  mediaType,
  parseJson,
  readBody,
  sendJson,
  TABLE_CONTENT_TYPE,
  wantsTable,
} from './http';
import { checkListVersion, serveList } from './list';
import { applyPatch, PATCH_TYPES } from './patch';
import type { AccessRules } from './access';
import {
  attributesOf,
  decodeAccessReview,
  reviewResponse,
  validateAccessReview,
} from './access-review';
import { SELF_SUBJECT_ACCESS_REVIEW_PROTO } from './access-review-proto';
import { EVICTION_SUCCESS, evictPod } from './eviction';
import { decodeEviction } from './eviction-request';
import type { DeleteOptions, Registry } from './registry';
import type { ResourceRoute } from './routes';
import { decodeProtobuf, PROTOBUF_TYPE } from './protobuf';
import { fromScale, toScale } from './scale';
import { includeObjectParam } from './table-response';
import { toTable } from './tables';
import { fieldInvalid, goQuote } from './validation';
import type { Metrics } from './metrics';
import type { WatchHub } from './watch';
import { serveWatch } from './watch-request';

export interface HandlerContext {
  registry: Registry;
  watches: WatchHub;
  clock: Clock;
  /** Deny rules that SelfSubjectAccessReviews answer by. */
  access: AccessRules;
  /** The counters of `GET /metrics`, for what only the handlers can see. */
  metrics?: Metrics;
}

interface Request {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  route: ResourceRoute;
}

/** Serves one request on a resource path: the verbs of kube-apiserver's generic handlers. */
export async function handleResource(ctx: HandlerContext, r: Request): Promise<void> {
  const { route } = r;
  const method = r.req.method ?? 'GET';
  if (route.rt === SELF_SUBJECT_ACCESS_REVIEWS) return review(ctx, r, method);
  if (
    route.subresource !== undefined &&
    !route.rt.subresources.includes(route.subresource as 'status')
  ) {
    throw unknownResource();
  }
  if (route.subresource === 'eviction') {
    if (method !== 'POST') throw methodNotAllowed();
    return evict(ctx, r);
  }
  if (route.name === undefined) {
    if (method === 'GET') return collectionGet(ctx, r);
    // A namespaced resource's list across all namespaces serves only GET (list and watch).
    if (method === 'POST' && (!route.rt.namespaced || route.namespace !== undefined)) {
      return create(ctx, r);
    }
    throw methodNotAllowed();
  }
  switch (method) {
    case 'GET':
      return itemGet(ctx, r);
    case 'PUT':
      return update(ctx, r);
    case 'PATCH':
      return patch(ctx, r);
    case 'DELETE':
      return remove(ctx, r);
    default:
      throw methodNotAllowed();
  }
}

function ns(r: Request): string {
  return r.route.namespace ?? '';
}

async function collectionGet(ctx: HandlerContext, r: Request): Promise<void> {
  const { rt } = r.route;
  const filter = filterFromQuery(rt, r.query);
  const watch = r.query.get('watch');
  const table = wantsTable(r.req.headers.accept);
  if (watch === 'true' || watch === '1') {
    const call = { res: r.res, query: r.query, rt, namespace: r.route.namespace, filter, table };
    return serveWatch(ctx.registry.store, ctx.clock, ctx.watches, call);
  }
  await checkListVersion(ctx.registry.store, ctx.clock, r.query);
  serveList(
    r.res,
    ctx.registry.store,
    rt,
    r.route.namespace,
    filter,
    r.query,
    table,
    ctx.clock.now(),
  );
}

function respondObject(ctx: HandlerContext, r: Request, code: number, obj: KObject): void {
  if (wantsTable(r.req.headers.accept)) {
    const t = toTable(r.route.rt.key, [obj], ctx.clock.now(), {
      includeObject: includeObjectParam(r.query),
      listMeta: { resourceVersion: obj.metadata.resourceVersion ?? '' },
    });
    sendJson(r.res, code, t, {}, TABLE_CONTENT_TYPE);
    return;
  }
  sendJson(r.res, code, obj);
}

function itemGet(ctx: HandlerContext, r: Request): void {
  const obj = ctx.registry.get(r.route.rt, ns(r), r.route.name ?? '');
  if (r.route.subresource === 'scale') return sendJson(r.res, 200, toScale(obj));
  respondObject(ctx, r, 200, obj);
}

async function bodyObject(r: Request): Promise<KObject> {
  const body = decodeObject(await readBody(r.req), r.req.headers['content-type']);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest("Object 'Kind' is missing in the request body");
  }
  return body as KObject;
}

async function create(ctx: HandlerContext, r: Request): Promise<void> {
  const dryRun = dryRunParam(r.query, 'CreateOptions');
  const body = await bodyObject(r);
  const created = ctx.registry.create(r.route.rt, ns(r), body, { dryRun });
  respondObject(ctx, r, 201, created);
}

/** PUT of the main resource, `/status` or `/scale`. */
async function update(ctx: HandlerContext, r: Request): Promise<void> {
  const dryRun = dryRunParam(r.query, 'UpdateOptions');
  const body = await bodyObject(r);
  respondObject(ctx, r, 200, write(ctx, r, body, dryRun));
}

function write(ctx: HandlerContext, r: Request, body: KObject, dryRun: boolean): KObject {
  const { rt, name = '', subresource } = r.route;
  if (subresource === 'scale') {
    const bodyName = (body.metadata as { name?: unknown } | undefined)?.name;
    if (bodyName !== name) {
      throw badRequest(
        `the name of the object (${String(bodyName ?? '')}) does not match the name on the URL (${name})`,
      );
    }
    const current = ctx.registry.get(rt, ns(r), name);
    const updated = ctx.registry.update(rt, ns(r), name, fromScale(current, body), { dryRun });
    return toScale(updated);
  }
  const opts = subresource === 'status' ? { dryRun, subresource: 'status' as const } : { dryRun };
  return ctx.registry.update(rt, ns(r), name, body, opts);
}

async function patch(ctx: HandlerContext, r: Request): Promise<void> {
  const contentType = r.req.headers['content-type'] ?? '';
  // As patch.go does first of all: an unserved patch type is 415 whatever the body holds.
  if (!PATCH_TYPES.includes((contentType.split(';')[0] ?? '').trim())) {
    throw unsupportedMediaType(PATCH_TYPES.join(', '));
  }
  const dryRun = dryRunParam(r.query, 'PatchOptions');
  const { rt, name = '', subresource } = r.route;
  const text = (await readBody(r.req)).toString('utf8');
  const current = ctx.registry.get(rt, ns(r), name);
  const target = subresource === 'scale' ? toScale(current) : current;
  const patched = applyPatch(target, parseJson(text), contentType, target.kind) as KObject;
  if (subresource === 'scale') {
    patched.metadata = {
      ...patched.metadata,
      resourceVersion: current.metadata.resourceVersion ?? '',
    };
  }
  respondObject(ctx, r, 200, write(ctx, r, patched, dryRun));
}

async function remove(ctx: HandlerContext, r: Request): Promise<void> {
  if (r.route.subresource !== undefined) throw methodNotAllowed();
  const text = (await readBody(r.req)).toString('utf8');
  const body = text.trim() === '' ? {} : (parseJson(text) as DeleteOptions);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('invalid DeleteOptions');
  const opts: DeleteOptions = { ...body };
  const grace = intParam(r.query, 'gracePeriodSeconds');
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  const policy = r.query.get('propagationPolicy');
  if (policy !== null) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  if (dryRunParam(r.query, 'DeleteOptions')) opts.dryRun = ['All'];
  validateDeleteOptions(opts);
  const result = ctx.registry.delete(r.route.rt, ns(r), r.route.name ?? '', opts);
  respondObject(ctx, r, 200, result.object);
}

/** ValidateDeleteOptions, which the delete handler answers as 422 Invalid. */
function validateDeleteOptions(opts: DeleteOptions): void {
  const errs: FieldError[] = [];
  const policy: unknown = opts.propagationPolicy;
  if (policy != null && opts.orphanDependents != null) {
    errs.push(
      fieldInvalid(
        'propagationPolicy',
        String(policy),
        'orphanDependents and deletionPropagation cannot be both set',
      ),
    );
  }
  if (policy != null && !['Foreground', 'Background', 'Orphan'].includes(String(policy))) {
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'propagationPolicy',
      message: `propagationPolicy: Unsupported value: ${goQuote(String(policy))}: supported values: "Foreground", "Background", "Orphan", "nil"`,
    });
  }
  const dryRun = opts.dryRun ?? [];
  if (!dryRun.every((v) => v === 'All')) {
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'dryRun',
      message: `dryRun: Unsupported value: ${JSON.stringify(dryRun)}: supported values: "All"`,
    });
  }
  if (errs.length > 0) throw invalid('DeleteOptions', 'meta.k8s.io', '', errs);
}

/** POST …/pods/{name}/eviction: Step A here, the rest in evictPod. */
async function evict(ctx: HandlerContext, r: Request): Promise<void> {
  const queryDryRun = dryRunParam(r.query, 'CreateOptions');
  const namespace = ns(r);
  const name = r.route.name ?? '';
  const body = decodeEviction(await bodyObject(r), namespace);
  ctx.registry.checkNamespaceOpen(r.route.rt, namespace, name);
  // Observation only: whether the pod was already going, read in the same tick as evictPod.
  const wasDeleting = !!ctx.registry.tryGet(r.route.rt, namespace, name)?.metadata
    .deletionTimestamp;
  evictPod(ctx.registry, ctx.clock, { namespace, name, body, queryDryRun });
  const dryRun = queryDryRun || (body.deleteOptions?.dryRun ?? []).includes('All');
  if (wasDeleting && !dryRun) ctx.metrics?.observeRepeatedEviction();
  sendJson(r.res, 201, EVICTION_SUCCESS);
}

/**
 * POST …/selfsubjectaccessreviews: a create-only collection (405 for any other method, 404
 * below it), answered with the review and its decision, never stored.
 */
async function review(ctx: HandlerContext, r: Request, method: string): Promise<void> {
  if (r.route.name !== undefined) throw unknownResource();
  if (method !== 'POST') throw methodNotAllowed();
  // Validated as on any create, and moot: a review is never stored.
  dryRunParam(r.query, 'CreateOptions');
  const { rt } = r.route;
  const decoded = decodeAccessReview(rt, await reviewBody(r));
  validateAccessReview(decoded);
  const decision = ctx.access.decide(attributesOf(decoded));
  sendJson(r.res, 201, reviewResponse(rt, decoded, decision));
}

/** A review's body: JSON or YAML, or protobuf as kubectl's typed client sends it. */
async function reviewBody(r: Request): Promise<KObject> {
  if (mediaType(r.req.headers['content-type']) !== PROTOBUF_TYPE) return bodyObject(r);
  return decodeProtobuf(await readBody(r.req), SELF_SUBJECT_ACCESS_REVIEW_PROTO) as KObject;
}
