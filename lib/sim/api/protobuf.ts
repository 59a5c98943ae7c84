import { badRequest } from './errors';

/**
 * Just enough of Kubernetes' protobuf encoding to read a request body: the `k8s\0` envelope
 * (runtime.Unknown) and the proto2 wire format, decoded into the JSON shape of the object by
 * a schema. The embedded cluster answers in JSON, which the clients that send protobuf
 * (kubectl's typed clients) also accept.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding
 */

export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';

/** A message: each field number's JSON name and type. */
export interface ProtoMessage {
  [field: number]: ProtoField;
}

export interface ProtoField {
  name: string;
  /** `time`: a metav1.Time (seconds and nanos), JSON's RFC 3339 string or null when zero. */
  type: 'string' | 'int' | 'time' | 'map' | ProtoMessage;
  repeated?: boolean;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** runtime.TypeMeta inside the envelope. */
const TYPE_META: ProtoMessage = {
  1: { name: 'apiVersion', type: 'string' },
  2: { name: 'kind', type: 'string' },
};

/**
 * Decodes an enveloped protobuf body into JSON: `apiVersion` and `kind` from the envelope,
 * the rest from the raw object by `schema`; 400 as kube-apiserver's decoder answers.
 */
export function decodeProtobuf(body: Buffer, schema: ProtoMessage): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC)) {
    throw badRequest(
      `provided data does not appear to be a protobuf message, expected prefix [${[...MAGIC].join(' ')}]`,
    );
  }
  const envelope = new Reader(body.subarray(4));
  let raw: Buffer = Buffer.alloc(0);
  let typeMeta: Record<string, unknown> = {};
  envelope.fields((field, r) => {
    if (field === 1) typeMeta = decodeMessage(r.bytes(), TYPE_META);
    else if (field === 2) raw = r.bytes();
    else return false;
    return true;
  });
  return { ...typeMeta, ...decodeMessage(raw, schema) };
}

function decodeMessage(buf: Buffer, schema: ProtoMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  new Reader(buf).fields((num, r, wire) => {
    const f = schema[num];
    if (f === undefined) return false;
    const value = readValue(f, r, wire);
    if (f.type === 'map') {
      const [k, v] = value as [string, string];
      out[f.name] = { ...(out[f.name] as object | undefined), [k]: v };
    } else if (f.repeated) out[f.name] = [...((out[f.name] as unknown[] | undefined) ?? []), value];
    else out[f.name] = value;
    return true;
  });
  return out;
}

function readValue(f: ProtoField, r: Reader, wire: number): unknown {
  if (f.type === 'int') {
    if (wire !== 0) throw unexpected();
    return Number(BigInt.asIntN(64, r.varint()));
  }
  if (wire !== 2) throw unexpected();
  const bytes = r.bytes();
  switch (f.type) {
    case 'string':
      return bytes.toString('utf8');
    case 'time':
      return time(bytes);
    case 'map': {
      const e = decodeMessage(bytes, {
        1: { name: 'k', type: 'string' },
        2: { name: 'v', type: 'string' },
      });
      return [e.k ?? '', e.v ?? ''];
    }
    default:
      return decodeMessage(bytes, f.type);
  }
}

/** metav1.Time.Unmarshal: zero seconds and nanos are the zero time (JSON null). */
function time(bytes: Buffer): string | null {
  const t = decodeMessage(bytes, { 1: { name: 's', type: 'int' }, 2: { name: 'n', type: 'int' } });
  const s = Number(t.s ?? 0);
  if (s === 0 && Number(t.n ?? 0) === 0) return null;
  return new Date(s * 1000).toISOString().replace('.000Z', 'Z');
}

function unexpected(): Error {
  return badRequest('proto: wrong wireType for field');
}

/** The proto2 wire format over one buffer. */
class Reader {
  private at = 0;

  constructor(private readonly buf: Buffer) {}

  /** Calls `on` for each field; a field it does not take (false) is skipped. */
  fields(on: (field: number, r: Reader, wire: number) => boolean): void {
    while (this.at < this.buf.length) {
      const tag = Number(this.varint());
      const wire = tag & 7;
      if (!on(tag >>> 3, this, wire)) this.skip(wire);
    }
  }

  varint(): bigint {
    let out = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.buf[this.at++];
      if (b === undefined) throw eof();
      out |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return out;
    }
    throw badRequest('proto: integer overflow');
  }

  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.at + len > this.buf.length) throw eof();
    const out = this.buf.subarray(this.at, this.at + len);
    this.at += len;
    return out;
  }

  private skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.bytes();
    else if (wire === 1 || wire === 5) this.advance(wire === 1 ? 8 : 4);
    else throw badRequest(`proto: illegal wireType ${wire}`);
  }

  private advance(n: number): void {
    if (this.at + n > this.buf.length) throw eof();
    this.at += n;
  }
}

function eof(): Error {
  return badRequest('unexpected EOF');
}
