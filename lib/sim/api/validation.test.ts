import { describe, expect, it } from 'vitest';

import type { ObjectMeta } from '../store/types';
import {
  fieldInvalid,
  fieldRequired,
  fieldTooLong,
  goQuote,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  namespaceMismatch,
  validateObjectMeta,
  type MetaValidationOptions,
} from './validation';

const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const KEY_NAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('name rules', () => {
  it.each([
    ['my-name', []],
    ['123-abc', []],
    ['My-Name', [LABEL]],
    ['-a', [LABEL]],
    ['', [LABEL]],
    ['a.b', ['must not contain dots']],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['A'.repeat(64), ['must be no more than 63 characters', LABEL]],
  ])('isDNS1123Label(%j)', (value, expected) => {
    expect(isDNS1123Label(value)).toEqual(expected);
  });

  it.each([
    ['example.com', []],
    ['a', []],
    ['Bad_Name', [SUBDOMAIN]],
    ['a..b', [SUBDOMAIN]],
    ['a.', [SUBDOMAIN]],
    ['a'.repeat(253), []],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('isDNS1123Subdomain(%j)', (value, expected) => {
    expect(isDNS1123Subdomain(value)).toEqual(expected);
  });

  it.each([
    ['app', []],
    ['App.Kubernetes_IO', []],
    ['example.com/app', []],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', KEY_NAME]],
    ['Example.com/app', [`prefix part ${SUBDOMAIN}`]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    ['app:web', [KEY_NAME]],
    [
      'a/b/c',
      [
        "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
  ])('isQualifiedName(%j)', (value, expected) => {
    expect(isQualifiedName(value)).toEqual(expected);
  });

  it.each([
    ['', []],
    ['My_Value-1.x', []],
    ['-x', [VALUE]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('isValidLabelValue(%j)', (value, expected) => {
    expect(isValidLabelValue(value)).toEqual(expected);
  });

  it.each([
    ['ok', []],
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['a/b%c', ["may not contain '/'", "may not contain '%'"]],
  ])('isValidPathSegmentName(%j)', (value, expected) => {
    expect(isValidPathSegmentName(value)).toEqual(expected);
  });
});

describe('field errors print like field.Error', () => {
  it.each([
    [fieldInvalid('metadata.name', 'Bad_Name', 'x'), 'metadata.name: Invalid value: "Bad_Name": x'],
    [fieldInvalid('metadata.generation', -1, 'y'), 'metadata.generation: Invalid value: -1: y'],
    [fieldRequired('metadata.namespace'), 'metadata.namespace: Required value'],
    [fieldRequired('a', 'why'), 'a: Required value: why'],
    [fieldTooLong('a', 5), 'a: Too long: must have at most 5 bytes'],
  ])('%j', (err, message) => {
    expect(err.message).toBe(message);
  });

  it.each([
    ['plain', '"plain"'],
    ['say "hi"\\', '"say \\"hi\\"\\\\"'],
    ['tab\tnl\n\x01', '"tab\\tnl\\n\\x01"'],
    ['héllo', '"héllo"'],
  ])('goQuote(%j)', (value, quoted) => {
    expect(goQuote(value)).toBe(quoted);
  });
});

const POD: MetaValidationOptions = { namespaced: true, nameRule: 'subdomain' };
const NS: MetaValidationOptions = { namespaced: false, nameRule: 'label' };
const ROLE: MetaValidationOptions = { namespaced: false, nameRule: 'path' };

describe('validateObjectMeta', () => {
  it.each<[ObjectMeta, MetaValidationOptions, string[]]>([
    [{ name: 'web-1', namespace: 'default' }, POD, []],
    [{ name: 'web-1' }, { ...POD, requestNamespace: 'default' }, []],
    [{ generateName: 'web-' }, { ...POD, requestNamespace: 'default' }, []],
    [{ name: 'prod' }, NS, []],
    [{ name: 'prod', namespace: 'ignored' }, NS, []],
    [{}, NS, ['metadata.name: Required value: name or generateName is required']],
    [{ name: '' }, NS, ['metadata.name: Required value: name or generateName is required']],
    [
      { name: 'Bad_Name', namespace: 'default' },
      POD,
      [`metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`],
    ],
    [{ name: 'a.b' }, NS, ['metadata.name: Invalid value: "a.b": must not contain dots']],
    [
      { generateName: 'Web-' },
      { ...POD, requestNamespace: 'default' },
      [`metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}`],
    ],
    [{ name: 'web' }, POD, ['metadata.namespace: Required value']],
    [
      { name: 'web', namespace: 'Bad_NS' },
      POD,
      [`metadata.namespace: Invalid value: "Bad_NS": ${LABEL}`],
    ],
    [{ name: '..' }, ROLE, ['metadata.name: Invalid value: "..": may not be \'..\'']],
    [{ name: 'a/b' }, ROLE, ['metadata.name: Invalid value: "a/b": may not contain \'/\'']],
    [{ name: 'system:admin' }, ROLE, []],
    [
      { name: 'x', generation: -1 },
      NS,
      ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      { name: 'x', labels: { 'app:web': 'ok', tier: '-bad' } },
      NS,
      [
        `metadata.labels: Invalid value: "app:web": ${KEY_NAME}`,
        `metadata.labels: Invalid value: "-bad": ${VALUE}`,
      ],
    ],
    [{ name: 'x', annotations: { 'Example.COM/Note': 'any value at all' } }, NS, []],
    [
      { name: 'x', annotations: { 'a b': '' } },
      NS,
      [`metadata.annotations: Invalid value: "a b": ${KEY_NAME}`],
    ],
    [
      { name: 'x', annotations: { big: 'v'.repeat(256 * 1024) } },
      NS,
      ['metadata.annotations: Too long: must have at most 262144 bytes'],
    ],
    [{ name: 'x', annotations: { a: 'v'.repeat(256 * 1024 - 1) } }, NS, []],
    [
      { name: 'x', finalizers: ['example.com/ok', 'bad finalizer'] },
      NS,
      [`metadata.finalizers: Invalid value: "bad finalizer": ${KEY_NAME}`],
    ],
  ])('%j (%j)', (meta, opts, messages) => {
    expect(validateObjectMeta(meta, opts).map((e) => e.message)).toEqual(messages);
  });

  it('reports types and fields the way StatusCause carries them', () => {
    expect(validateObjectMeta({ namespace: 'Bad' }, POD)).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'metadata.name: Required value: name or generateName is required',
      },
      {
        type: 'FieldValueInvalid',
        field: 'metadata.namespace',
        message: `metadata.namespace: Invalid value: "Bad": ${LABEL}`,
      },
    ]);
  });

  it.each<[ObjectMeta, MetaValidationOptions, boolean]>([
    [{ namespace: 'a' }, { ...POD, requestNamespace: 'b' }, true],
    [{ namespace: 'a' }, { ...POD, requestNamespace: 'a' }, false],
    [{}, { ...POD, requestNamespace: 'b' }, false],
    [{ namespace: 'a' }, { ...NS, requestNamespace: 'b' }, false],
  ])('namespaceMismatch(%j, %j)', (meta, opts, expected) => {
    expect(namespaceMismatch(meta, opts)).toBe(expected);
  });
});
