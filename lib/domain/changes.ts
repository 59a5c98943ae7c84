import { z } from 'zod';

import { RetryViewSchema, StuckItemSchema } from './retries';
import { TimelineSummarySchema } from './timeline-summary';
import {
  BudgetViewSchema,
  EndpointViewSchema,
  EventViewSchema,
  NodeViewSchema,
  OwnerViewSchema,
  PodViewSchema,
} from './views';

/** The workload kinds watched as owners, one watch each. */
export const OwnerResourceSchema = z.enum([
  'replicasets',
  'deployments',
  'statefulsets',
  'daemonsets',
]);
export type OwnerResource = z.infer<typeof OwnerResourceSchema>;

/** Every watched resource kind of a cluster; each has one list+watch. */
export const ResourceSchema = z.enum([
  'pods',
  'budgets',
  'nodes',
  'endpointslices',
  ...OwnerResourceSchema.options,
  'events',
]);
export type Resource = z.infer<typeof ResourceSchema>;

/** Where one watch stands (the reflector's state, as the browser may show it). */
export const WatchStateSchema = z.enum(['syncing', 'synced', 'reconnecting', 'stale']);
export type WatchState = z.infer<typeof WatchStateSchema>;

/** One watch's state, with the error that put it there (null when healthy). */
export const WatchStatusSchema = z.object({
  state: WatchStateSchema,
  message: z.string().nullable(),
});
export type WatchStatus = z.infer<typeof WatchStatusSchema>;

/** Position in a cluster's change feed: strictly increasing, one per change. */
const SeqSchema = z.number().int().nonnegative();

function upsertOf<R extends z.ZodType<Resource>, V extends z.ZodType>(resource: R, view: V) {
  return z.object({ seq: SeqSchema, kind: z.literal('upsert'), resource, view });
}

/** A view was added or changed; `resource` tells which view type `view` is. */
export const UpsertEventSchema = z.union([
  upsertOf(z.literal('pods'), PodViewSchema),
  upsertOf(z.literal('budgets'), BudgetViewSchema),
  upsertOf(z.literal('nodes'), NodeViewSchema),
  upsertOf(z.literal('endpointslices'), EndpointViewSchema),
  upsertOf(OwnerResourceSchema, OwnerViewSchema),
  upsertOf(z.literal('events'), EventViewSchema),
]);
export type UpsertEvent = z.infer<typeof UpsertEventSchema>;

/** An object is gone; identities are UIDs, so a pod recreated under its name is a new object. */
export const DeleteEventSchema = z.object({
  seq: SeqSchema,
  kind: z.literal('delete'),
  resource: ResourceSchema,
  uid: z.string(),
});
export type DeleteEvent = z.infer<typeof DeleteEventSchema>;

/** A watch changed state (or the error keeping it there changed). */
export const WatchStatusEventSchema = z.object({
  seq: SeqSchema,
  kind: z.literal('watch-status'),
  resource: ResourceSchema,
  state: WatchStateSchema,
  message: z.string().nullable(),
});
export type WatchStatusEvent = z.infer<typeof WatchStatusEventSchema>;

/** A retry queue entry was created or changed (the queue is ours, not watched). */
export const RetryEventSchema = z.object({
  seq: SeqSchema,
  kind: z.literal('retry'),
  entry: RetryViewSchema,
});
export type RetryEvent = z.infer<typeof RetryEventSchema>;

/** The stuck monitor's items changed: the whole new list. */
export const StuckEventSchema = z.object({
  seq: SeqSchema,
  kind: z.literal('stuck'),
  items: z.array(StuckItemSchema),
});
export type StuckEvent = z.infer<typeof StuckEventSchema>;

/** A pod's termination timeline was created or changed: its summary now. */
export const TimelineEventSchema = z.object({
  seq: SeqSchema,
  kind: z.literal('timeline'),
  summary: TimelineSummarySchema,
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** One entry of a cluster's ordered change feed. */
export const ChangeEventSchema = z.union([
  UpsertEventSchema,
  DeleteEventSchema,
  WatchStatusEventSchema,
  RetryEventSchema,
  StuckEventSchema,
  TimelineEventSchema,
]);
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;

/** The whole model of a cluster at feed position `seq`; deltas after it continue from there. */
export const SnapshotSchema = z.object({
  seq: SeqSchema,
  pods: z.array(PodViewSchema),
  budgets: z.array(BudgetViewSchema),
  nodes: z.array(NodeViewSchema),
  owners: z.array(OwnerViewSchema),
  endpoints: z.array(EndpointViewSchema),
  /** The most recent Events, oldest first (the model keeps a bounded number). */
  events: z.array(EventViewSchema),
  watchStatus: z.record(ResourceSchema, WatchStatusSchema),
  /** The retry queue's entries: every pending one and the most recent finished ones. */
  retries: z.array(RetryViewSchema),
  /** What the stuck monitor finds stuck now. */
  stuck: z.array(StuckItemSchema),
  /** Termination timelines: every one in progress and the most recently changed others. */
  timelines: z.array(TimelineSummarySchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
