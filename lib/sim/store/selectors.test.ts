import { describe, expect, it } from 'vitest';

import {
  fieldLabelError,
  matchesFields,
  parseFieldSelector,
  unsupportedFields,
} from './field-selectors';
import {
  labelSelectorFromObject,
  matchesLabels,
  parseLabelSelector,
  type LabelSelectorObject,
} from './selectors';
import type { KObject } from './types';

const KEY_SHAPE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_SHAPE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_SHAPE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('parseLabelSelector', () => {
  it.each([
    ['', []],
    ['a=b', [{ key: 'a', operator: '=', values: ['b'] }]],
    ['a==b', [{ key: 'a', operator: '==', values: ['b'] }]],
    ['a!=b', [{ key: 'a', operator: '!=', values: ['b'] }]],
    ['a=', [{ key: 'a', operator: '=', values: [''] }]],
    ['a in (y,x,x)', [{ key: 'a', operator: 'in', values: ['x', 'y'] }]],
    ['a notin (x)', [{ key: 'a', operator: 'notin', values: ['x'] }]],
    ['a', [{ key: 'a', operator: 'exists', values: [] }]],
    ['!a', [{ key: 'a', operator: '!', values: [] }]],
    ['a>1', [{ key: 'a', operator: 'gt', values: ['1'] }]],
    ['a<10', [{ key: 'a', operator: 'lt', values: ['10'] }]],
    ['a in (in)', [{ key: 'a', operator: 'in', values: ['in'] }]],
    ['in=notin', [{ key: 'in', operator: '=', values: ['notin'] }]],
    ['example.com/app=web', [{ key: 'example.com/app', operator: '=', values: ['web'] }]],
    [
      ' z = 1 ,\ta in ( x , y ) ',
      [
        { key: 'a', operator: 'in', values: ['x', 'y'] },
        { key: 'z', operator: '=', values: ['1'] },
      ],
    ],
    [
      'x in (foo,,baz),y,z notin ()',
      [
        { key: 'x', operator: 'in', values: ['', 'baz', 'foo'] },
        { key: 'y', operator: 'exists', values: [] },
        { key: 'z', operator: 'notin', values: [''] },
      ],
    ],
    ['a in (,x)', [{ key: 'a', operator: 'in', values: ['', 'x'] }]],
    ['a in (x,)', [{ key: 'a', operator: 'in', values: ['', 'x'] }]],
  ])('parses %j', (input, expected) => {
    expect(parseLabelSelector(input)).toEqual(expected);
  });

  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (x y)', "unable to parse requirement: found 'y', expected: ',' or ')'"],
    ['a in ((', "unable to parse requirement: found '(', expected: ',', ')' or identifier"],
    ['a in (x,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['app:web', `unable to parse requirement: <nil>: Invalid value: "app:web": ${KEY_SHAPE}`],
    [
      'app.kubernetes_io/name=x',
      `unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io/name": prefix part ${SUBDOMAIN_SHAPE}`,
    ],
    ['a=b_', `unable to parse requirement: values[0][a]: Invalid value: "b_": ${VALUE_SHAPE}`],
    [
      'a>x',
      `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
  ])('refuses %j', (input, message) => {
    expect(() => parseLabelSelector(input)).toThrow(new Error(message));
  });
});

describe('labelSelectorFromObject', () => {
  it.each<[LabelSelectorObject | null | undefined, unknown]>([
    [null, 'nothing'],
    [undefined, 'nothing'],
    [{}, []],
    [{ matchLabels: {}, matchExpressions: [] }, []],
    [
      { matchLabels: { b: '2', a: '1' } },
      [
        { key: 'a', operator: '=', values: ['1'] },
        { key: 'b', operator: '=', values: ['2'] },
      ],
    ],
    [
      {
        matchExpressions: [
          { key: 'a', operator: 'In', values: ['x'] },
          { key: 'b', operator: 'NotIn', values: ['y'] },
          { key: 'c', operator: 'Exists' },
          { key: 'd', operator: 'DoesNotExist', values: [] },
        ],
      },
      [
        { key: 'a', operator: 'in', values: ['x'] },
        { key: 'b', operator: 'notin', values: ['y'] },
        { key: 'c', operator: 'exists', values: [] },
        { key: 'd', operator: '!', values: [] },
      ],
    ],
  ])('converts %j', (input, expected) => {
    expect(labelSelectorFromObject(input)).toEqual(expected);
  });

  it.each<[LabelSelectorObject, string]>([
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] },
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] },
      '"Equals" is not a valid label selector operator',
    ],
    [{ matchLabels: { 'a b': 'x' } }, `key: Invalid value: "a b": ${KEY_SHAPE}`],
    [{ matchLabels: { a: 'x y' } }, `values[0][a]: Invalid value: "x y": ${VALUE_SHAPE}`],
    [
      { matchExpressions: [{ key: '-', operator: 'NotIn' }] },
      `[key: Invalid value: "-": ${KEY_SHAPE}, values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty]`,
    ],
  ])('refuses %j', (input, message) => {
    expect(() => labelSelectorFromObject(input)).toThrow(new Error(message));
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', tier: 'front', n: '5' };
  it.each([
    ['', labels, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app==db', labels, false],
    ['app!=db', labels, true],
    ['missing!=x', labels, true],
    ['app in (db,web)', labels, true],
    ['missing in (x)', labels, false],
    ['app notin (web)', labels, false],
    ['missing notin (x)', labels, true],
    ['tier', labels, true],
    ['!tier', labels, false],
    ['!missing', undefined, true],
    ['n>4', labels, true],
    ['n<5', labels, false],
    ['app>1', labels, false],
    ['missing>1', labels, false],
    ['app=web,tier=back', labels, false],
  ])('%j on %j is %s', (selector, ls, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), ls)).toBe(expected);
  });

  it.each([
    [null, { app: 'web' }, false],
    [{}, { app: 'web' }, true],
    [{}, undefined, true],
    [{ matchLabels: { app: 'web' } }, { app: 'web' }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, { app: 'web' }, false],
  ])('object %j on %j is %s', (sel, ls, expected) => {
    expect(matchesLabels(labelSelectorFromObject(sel), ls)).toBe(expected);
  });
});

describe('parseFieldSelector', () => {
  it.each([
    ['', []],
    [',', []],
    ['spec.nodeName=', [{ field: 'spec.nodeName', operator: '=', value: '' }]],
    [
      'status.phase!=Running,spec.nodeName==n1',
      [
        { field: 'spec.nodeName', operator: '==', value: 'n1' },
        { field: 'status.phase', operator: '!=', value: 'Running' },
      ],
    ],
    ['metadata.name=a\\,b', [{ field: 'metadata.name', operator: '=', value: 'a,b' }]],
    ['metadata.name=a\\=b\\\\c', [{ field: 'metadata.name', operator: '=', value: 'a=b\\c' }]],
    ['a==!x', [{ field: 'a', operator: '==', value: '!x' }]],
  ])('parses %j', (input, expected) => {
    expect(parseFieldSelector(input)).toEqual(expected);
  });

  it.each([
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,foo', "invalid selector: 'a=b,foo'; can't understand 'foo'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('refuses %j', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(new Error(message));
  });
});

const pod = (spec: object, status: object = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns' },
  spec,
  status,
});
const node = (spec: object): KObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  spec,
});
const event = (extra: Record<string, unknown>): KObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'e', namespace: 'ns' },
  involvedObject: { kind: 'Pod', name: 'p', namespace: 'ns' },
  ...extra,
});

describe('matchesFields', () => {
  it.each<[string, KObject, string, boolean]>([
    ['spec.nodeName=', pod({}), 'pods', true],
    ['spec.nodeName=', pod({ nodeName: 'n1' }), 'pods', false],
    [
      'spec.nodeName=n1,status.phase=Running',
      pod({ nodeName: 'n1' }, { phase: 'Running' }),
      'pods',
      true,
    ],
    ['spec.host=n1', pod({ nodeName: 'n1' }), 'pods', true],
    ['status.phase!=Running', pod({}, { phase: 'Pending' }), 'pods', true],
    ['spec.hostNetwork=false', pod({}), 'pods', true],
    ['status.podIP=10.0.0.1', pod({}, { podIPs: [{ ip: '10.0.0.1' }] }), 'pods', true],
    ['status.podIP=10.0.0.2', pod({}, { podIP: '10.0.0.2' }), 'pods', true],
    ['metadata.namespace=ns,metadata.name=p', pod({}), 'pods', true],
    ['metadata.namespace=other', pod({}), 'pods', false],
    ['spec.unschedulable=false', node({}), 'nodes', true],
    ['spec.unschedulable=true', node({ unschedulable: true }), 'nodes', true],
    ['involvedObject.name=p,involvedObject.kind=Pod', event({}), 'events', true],
    ['source=kubelet', event({ source: { component: 'kubelet' } }), 'events', true],
    ['source=ctrl', event({ reportingController: 'ctrl' }), 'events', true],
    ['reportingComponent=ctrl', event({ reportingController: 'ctrl' }), 'events', true],
    ['type=Warning', event({ type: 'Normal' }), 'events', false],
    ['constructor=', pod({}), 'pods', true],
  ])('%j on %s', (selector, obj, resource, expected) => {
    expect(matchesFields(parseFieldSelector(selector), obj, resource)).toBe(expected);
  });
});

describe('unsupportedFields and fieldLabelError', () => {
  it.each([
    ['spec.nodeName=a,status.phase=b', 'pods', []],
    ['spec.foo=a,metadata.name=b', 'pods', ['spec.foo']],
    ['metadata.namespace=', 'nodes', ['metadata.namespace']],
    ['spec.unschedulable=true', 'nodes', []],
    ['status.phase=Active', 'namespaces', []],
    ['reason=x,source=y,type=z', 'events', []],
    ['metadata.name=a,metadata.namespace=b', 'configmaps', []],
    ['status.phase=x', 'apps/deployments', ['status.phase']],
    ['constructor=x', 'pods', ['constructor']],
    ['constructor=x', 'constructor', ['constructor']],
  ])('%j on %s', (selector, resource, expected) => {
    expect(unsupportedFields(parseFieldSelector(selector), resource)).toEqual(expected);
  });

  it.each([
    ['pods', 'spec.foo', 'field label not supported: spec.foo'],
    [
      'toString',
      'x',
      '"x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    ['nodes', 'metadata.namespace', 'field label not supported: metadata.namespace'],
    [
      'apps/deployments',
      'status.phase',
      '"status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
  ])('%s %s', (resource, label, message) => {
    expect(fieldLabelError(resource, label)).toBe(message);
  });
});
