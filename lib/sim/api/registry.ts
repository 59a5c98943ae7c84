import { randomUUID } from 'node:crypto';
import { rfc3339, type Clock } from '../clock';
import type { Store } from '../store/store';
import type { KObject, ResourceType } from '../store/types';
import {
  STALE_OBJECT,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
} from './errors';
import { resolveDeletion, type DeleteOptions } from './deletion';
import { strategyFor } from './strategies';
import { checkTypeMeta, wrongType } from './type-meta';
import { NAMESPACE_MISMATCH, namespaceMismatch, validateObjectMeta } from './validation';

export interface WriteOptions {
  dryRun?: boolean;
}

export type { DeleteOptions } from './deletion';

/** What a DELETE did: removed at once, or left in place with a deletionTimestamp. */
export interface DeleteResult {
  object: KObject;
  removed: boolean;
}

const clone = <T>(v: T): T => structuredClone(v);

/** Top-level fields that are structs in Go: metadata always, spec and status where served. */
const STRUCTS = ['metadata', 'spec', 'status'] as const;

/** Metadata a client cannot change through an update. */
const IDENTITY = [
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'namespace',
  'name',
] as const;

/**
 * Options of an update. `internal` marks writes of the in-process control plane, which
 * reach fields (a pod's nodeName) that kube-apiserver only lets through subresources the
 * embedded cluster does not route, such as pods/binding.
 */
export interface UpdateOptions extends WriteOptions {
  /** `binding`: a control-plane write of spec and status together, as pods/binding does. */
  subresource?: 'status' | 'binding';
  internal?: boolean;
}

/**
 * Kubernetes object semantics over the store, as kube-apiserver's generic registry applies
 * them: names, uids, generations, optimistic concurrency, subresources, graceful deletion
 * and finalizers. The HTTP handlers and the in-process controllers both write through it.
 */
export class Registry {
  constructor(
    readonly store: Store,
    readonly clock: Clock,
  ) {}

  get(rt: ResourceType, namespace: string, name: string): KObject {
    const found = this.store.get(rt.key, rt.namespaced ? namespace : '', name);
    if (!found) throw notFound(rt, name);
    return found;
  }

  tryGet(rt: ResourceType, namespace: string, name: string): KObject | undefined {
    return this.store.get(rt.key, rt.namespaced ? namespace : '', name);
  }

  list(rt: ResourceType, namespace?: string): KObject[] {
    return this.store.list(rt.key, rt.namespaced ? namespace : undefined);
  }

  /** POST: validates, defaults, assigns identity and stores (unless dry-run). */
  create(rt: ResourceType, namespace: string, body: KObject, opts: WriteOptions = {}): KObject {
    const obj = this.normaliseBody(rt, namespace, body);
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + suffix();
    const strategy = strategyFor(rt);
    const errs = validateObjectMeta(meta, {
      namespaced: rt.namespaced,
      nameRule: strategy.nameRule,
    });
    errs.push(...strategy.validate(obj));
    if (errs.length > 0) throw invalid(rt.kind, rt.group, meta.name ?? '', errs);
    if (rt.namespaced) this.checkNamespaceOpen(rt, meta.namespace ?? '', meta.name ?? '');
    if (this.tryGet(rt, meta.namespace ?? '', meta.name ?? '')) {
      throw alreadyExists(rt, meta.name ?? '');
    }
    for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'resourceVersion']) {
      delete meta[k];
    }
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339(this.clock.now());
    if (strategy.hasGeneration) meta.generation = 1;
    if (rt.subresources.includes('status') && !strategy.keepsStatusOnCreate) {
      delete obj.status;
    }
    strategy.prepareForCreate(obj, this);
    return opts.dryRun ? obj : this.store.put(rt.key, obj);
  }

  /**
   * PUT of the main resource or its status subresource, with optimistic concurrency: a stale
   * resourceVersion is a 409 Conflict; an empty one is an unconditional update.
   */
  update(
    rt: ResourceType,
    namespace: string,
    name: string,
    body: KObject,
    opts: UpdateOptions = {},
  ): KObject {
    const old = this.get(rt, namespace, name);
    const obj = this.normaliseBody(rt, namespace, body);
    if (obj.metadata.name !== name) {
      throw badRequest(
        'the name of the object (' +
          (obj.metadata.name ?? '') +
          ') does not match the name on the URL (' +
          name +
          ')',
      );
    }
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
      throw conflict(rt, name, STALE_OBJECT);
    }
    let next: KObject;
    if (opts.subresource === 'status') next = this.forStatus(rt, old, obj);
    else if (opts.subresource === 'binding')
      next = { ...obj, metadata: this.keepIdentity(old, obj.metadata) };
    else next = this.forMain(rt, old, obj, opts);
    return this.write(rt, next, opts);
  }

  /** Read-modify-write for in-process controllers: `fn` edits a copy of the stored object. */
  mutate(
    rt: ResourceType,
    namespace: string,
    name: string,
    fn: (obj: KObject) => void,
    opts: { subresource?: 'status' | 'binding' } = {},
  ): KObject | undefined {
    const old = this.tryGet(rt, namespace, name);
    if (!old) return undefined;
    const copy = clone(old);
    fn(copy);
    if (JSON.stringify(copy) === JSON.stringify(old)) return old;
    return this.update(rt, namespace, name, copy, { ...opts, internal: true });
  }

  /** DELETE with DeleteOptions: preconditions, graceful deletion, finalizers and propagation. */
  delete(
    rt: ResourceType,
    namespace: string,
    name: string,
    opts: DeleteOptions = {},
  ): DeleteResult {
    const old = this.get(rt, namespace, name);
    const plan = resolveDeletion(rt, old, opts, this.clock.now());
    const key = rt.namespaced ? namespace : '';
    if (plan.remove) {
      if (opts.dryRun?.includes('All')) return { object: plan.object, removed: true };
      if (plan.object !== old) this.store.put(rt.key, plan.object);
      return { object: this.store.remove(rt.key, key, name) ?? plan.object, removed: true };
    }
    if (plan.object === old || opts.dryRun?.includes('All'))
      return { object: plan.object, removed: false };
    return { object: this.store.put(rt.key, plan.object), removed: false };
  }

  private write(rt: ResourceType, next: KObject, opts: WriteOptions): KObject {
    const meta = next.metadata;
    if (opts.dryRun) return next;
    // An object whose deletion waits only on finalizers goes once the last one is removed;
    // a namespace also waits for its spec.finalizers (the namespace controller's).
    const held = [
      ...(meta.finalizers ?? []),
      ...(rt.key === 'namespaces' ? (next.spec?.finalizers ?? []) : []),
    ];
    if (meta.deletionTimestamp && held.length === 0 && !meta.deletionGracePeriodSeconds) {
      this.store.remove(rt.key, meta.namespace ?? '', meta.name ?? '');
      return next;
    }
    return this.store.put(rt.key, next);
  }

  private forMain(rt: ResourceType, old: KObject, obj: KObject, opts: UpdateOptions): KObject {
    const strategy = strategyFor(rt);
    const next = clone(obj);
    next.metadata = this.keepIdentity(old, next.metadata);
    if (rt.subresources.includes('status')) {
      if (old.status === undefined) delete next.status;
      else next.status = clone(old.status);
    }
    const errs = validateObjectMeta(next.metadata, {
      namespaced: rt.namespaced,
      nameRule: strategy.nameRule,
    });
    errs.push(...strategy.validate(next));
    if (!opts.internal) errs.push(...strategy.validateUpdate(old, next));
    if (errs.length > 0) throw invalid(rt.kind, rt.group, old.metadata.name ?? '', errs);
    if (strategy.hasGeneration && !semanticallyEqual(old.spec, next.spec)) {
      next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    return next;
  }

  private forStatus(rt: ResourceType, old: KObject, obj: KObject): KObject {
    // Status writes may change nothing but status (ResetObjectMetaForStatus).
    const next = clone(old);
    next.status = clone(obj.status);
    const errs = strategyFor(rt).validateStatus(next);
    if (errs.length > 0) throw invalid(rt.kind, rt.group, old.metadata.name ?? '', errs);
    return next;
  }

  private keepIdentity(old: KObject, meta: KObject['metadata']): KObject['metadata'] {
    const o = old.metadata;
    const next: Record<string, unknown> = { ...meta };
    for (const k of IDENTITY) {
      if (o[k] === undefined) delete next[k];
      else next[k] = o[k];
    }
    return next as KObject['metadata'];
  }

  private normaliseBody(rt: ResourceType, namespace: string, body: KObject): KObject {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest("Object 'Kind' is missing in the request body");
    }
    const obj = clone(body);
    checkTypeMeta(rt, obj);
    // Go decodes into typed structs: `null` leaves a field unset, any other non-object is a 400.
    for (const key of rt.subresources.includes('status') ? STRUCTS : STRUCTS.slice(0, 1)) {
      const v: unknown = obj[key];
      if (v == null || (typeof v === 'object' && !Array.isArray(v))) continue;
      const goType =
        key === 'metadata' ? 'ObjectMeta' : `${rt.kind}${key === 'spec' ? 'Spec' : 'Status'}`;
      wrongType(rt, v, rt.kind, key, `${rt.version}.${goType}`);
    }
    if (obj.metadata == null) obj.metadata = {};
    if (rt.namespaced) {
      const opts = {
        namespaced: true,
        nameRule: 'subdomain' as const,
        requestNamespace: namespace,
      };
      if (namespaceMismatch(obj.metadata, opts)) throw badRequest(NAMESPACE_MISMATCH);
      obj.metadata.namespace = namespace;
    } else {
      delete obj.metadata.namespace;
    }
    return obj;
  }

  /** NamespaceLifecycle admission: no new content in a missing or terminating namespace. */
  checkNamespaceOpen(rt: ResourceType, namespace: string, name: string): void {
    const ns = this.store.get('namespaces', '', namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (ns.status?.phase === 'Terminating') {
      throw forbidden(
        rt,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${namespace} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      );
    }
  }
}

/**
 * apiequality.Semantic.DeepEqual, near enough for JSON: key order and explicit nulls (an
 * unset field, once decoded into Go structs) do not make a change.
 */
function semanticallyEqual(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v).filter(([, x]) => x !== null && x !== undefined);
    return Object.fromEntries(
      entries.sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, x]) => [k, canonical(x)]),
    );
  };
  return JSON.stringify(canonical(a ?? {})) === JSON.stringify(canonical(b ?? {}));
}

/** generateName's random suffix: five characters from the apiserver's alphabet. */
function suffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}
