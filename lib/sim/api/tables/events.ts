/** printEvent of upstream's printers.go, for core/v1 Events. */
import type { KObject } from '../../store/types';
import { eventDoc as doc, metaDoc } from './docs';
import { translateTimestampSince } from './duration';
import { int, isSet, rec, str, timeMs } from './read';
import { column, type Printer } from './types';

/**
 * `formatEventSource`: component (else the reporting controller, `reportingComponent` on the
 * wire), then host (else `reportingInstance`).
 */
function eventSource(ev: KObject): string {
  const source = rec(ev.source);
  const component =
    str(source.component) !== '' ? str(source.component) : str(ev.reportingComponent);
  const host = str(source.host) !== '' ? str(source.host) : str(ev.reportingInstance);
  return host === '' ? component : `${component}, ${host}`;
}

/** `kind/name` of the involved object, lower-cased kind; just the kind without a name. */
function eventTarget(ev: KObject): string {
  const involved = rec(ev.involvedObject);
  const kind = str(involved.kind).toLowerCase();
  return str(involved.name) !== '' ? `${kind}/${str(involved.name)}` : kind;
}

/**
 * Events: Last Seen, Type, Reason, Object, Message; wide Subobject, Source, First Seen,
 * Count, Name (upstream's column order, with the wide ones interleaved).
 */
export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', doc.lastTimestamp),
    column('Type', 'string', doc.type),
    column('Reason', 'string', doc.reason),
    column('Object', 'string', doc.involvedObject),
    column('Subobject', 'string', doc.fieldPath, { priority: 1 }),
    column('Source', 'string', doc.source, { priority: 1 }),
    column('Message', 'string', doc.message),
    column('First Seen', 'string', doc.firstTimestamp, { priority: 1 }),
    column('Count', 'string', doc.count, { priority: 1 }),
    column('Name', 'string', metaDoc.name, { priority: 1, format: 'name' }),
  ],
  row(ev, now) {
    // events.k8s.io-style events carry eventTime/series instead of the legacy timestamps.
    const first = timeMs(ev.firstTimestamp) === undefined ? ev.eventTime : ev.firstTimestamp;
    const firstSeen = translateTimestampSince(first, now);
    let lastSeen =
      timeMs(ev.lastTimestamp) === undefined
        ? firstSeen
        : translateTimestampSince(ev.lastTimestamp, now);
    let count = int(ev.count);
    if (isSet(ev.series)) {
      const series = rec(ev.series);
      lastSeen = translateTimestampSince(series.lastObservedTime, now);
      count = int(series.count);
    } else if (count === 0) {
      count = 1; // singleton events have no count in the new API
    }
    return {
      cells: [
        lastSeen,
        str(ev.type),
        str(ev.reason),
        eventTarget(ev),
        str(rec(ev.involvedObject).fieldPath),
        eventSource(ev),
        str(ev.message).trim(),
        firstSeen,
        count,
        ev.metadata.name ?? '',
      ],
    };
  },
};
