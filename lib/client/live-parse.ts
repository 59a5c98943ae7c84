import type { z } from 'zod';

import {
  DeleteEventSchema,
  ResourceSchema,
  RetryEventSchema,
  SnapshotSchema,
  StuckEventSchema,
  TimelineEventSchema,
  UpsertEventSchema,
  WatchStatusEventSchema,
  type ChangeEvent,
  type Resource,
  type Snapshot,
} from '@/lib/domain/changes';
import type { Parsed } from '@/lib/domain/parsed';

type UpsertSchema = (typeof UpsertEventSchema.options)[number];

/** The one upsert schema for each resource, so a delta is checked against its own view only. */
const UPSERT_SCHEMA = new Map<string, UpsertSchema>(
  ResourceSchema.options.flatMap((resource) => {
    const schema = UpsertEventSchema.options.find(
      (s) => s.shape.resource.safeParse(resource).success,
    );
    return schema === undefined ? [] : [[resource, schema] as const];
  }),
);

function parseJson(data: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(data) };
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

/** Reads the data of a `snapshot` event: the whole model, checked in full. */
export function parseSnapshot(data: string): Parsed<Snapshot> {
  const json = parseJson(data);
  return json.ok ? check(SnapshotSchema, json.value) : json;
}

function resourceOf(value: unknown): Resource | undefined {
  if (typeof value !== 'object' || value === null || !('resource' in value)) return undefined;
  const parsed = ResourceSchema.safeParse(value.resource);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Reads the data of a delta event named `name` (`upsert`, `delete`, `watch-status`, `retry` or
 * `stuck`). An
 * upsert is checked against the view schema of its own resource alone, rather than tried
 * against every kind of change in turn.
 */
export function parseChange(name: string, data: string): Parsed<ChangeEvent> {
  const json = parseJson(data);
  if (!json.ok) return json;
  switch (name) {
    case 'upsert': {
      const schema = UPSERT_SCHEMA.get(resourceOf(json.value) ?? '');
      return schema === undefined
        ? { ok: false, message: 'upsert of an unknown resource' }
        : check<ChangeEvent>(schema, json.value);
    }
    case 'delete':
      return check(DeleteEventSchema, json.value);
    case 'watch-status':
      return check(WatchStatusEventSchema, json.value);
    case 'retry':
      return check(RetryEventSchema, json.value);
    case 'stuck':
      return check(StuckEventSchema, json.value);
    case 'timeline':
      return check(TimelineEventSchema, json.value);
    default:
      return { ok: false, message: `unknown event ${JSON.stringify(name)}` };
  }
}
