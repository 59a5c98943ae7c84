import { describe, expect, it } from 'vitest';

import {
  drainFormPatch,
  drainRequest,
  readDrainForm,
  readNodeList,
  toggleNode,
  type DrainForm,
} from './drain-request';

const form = (overrides: Partial<DrainForm> = {}): DrainForm => ({
  nodes: ['node-3'],
  ignoreDaemonSets: false,
  deleteEmptyDirData: false,
  force: false,
  gracePeriod: '',
  timeout: '',
  podSelector: '',
  ...overrides,
});

describe('readDrainForm', () => {
  it('reads the selection and options from the URL', () => {
    const params = new URLSearchParams(
      'plan=node-1,node-3,,node-1&ignoreDaemonSets=1&force=true&gracePeriodSeconds=30&podSelector=app%3Dweb',
    );
    expect(readDrainForm(params)).toEqual({
      nodes: ['node-1', 'node-3'],
      ignoreDaemonSets: true,
      deleteEmptyDirData: false,
      force: true,
      gracePeriod: '30',
      timeout: '',
      podSelector: 'app=web',
    });
  });

  it('reads an empty URL as kubectl’s defaults', () => {
    expect(readDrainForm(new URLSearchParams())).toEqual(form({ nodes: [] }));
  });
});

describe('drainFormPatch', () => {
  it('writes lists, flags and text, removing what says nothing', () => {
    expect(
      drainFormPatch({ nodes: ['node-1', 'node-3'], force: true, ignoreDaemonSets: false }),
    ).toEqual({ plan: 'node-1,node-3', force: '1', ignoreDaemonSets: null });
    expect(drainFormPatch({ nodes: [], timeout: ' ', gracePeriod: '0' })).toEqual({
      plan: null,
      timeoutSeconds: null,
      gracePeriodSeconds: '0',
    });
  });
});

describe('toggleNode and readNodeList', () => {
  it('adds at the end and removes in place', () => {
    expect(toggleNode(['node-1'], 'node-3')).toEqual(['node-1', 'node-3']);
    expect(toggleNode(['node-1', 'node-3'], 'node-1')).toEqual(['node-3']);
    expect(readNodeList(null)).toEqual([]);
  });
});

describe('drainRequest', () => {
  it('builds the request with kubectl’s defaults', () => {
    expect(drainRequest(form())).toEqual({
      ok: true,
      request: {
        nodes: ['node-3'],
        force: false,
        ignoreDaemonSets: false,
        deleteEmptyDirData: false,
        podSelector: '',
        gracePeriodSeconds: null,
        timeoutSeconds: 0,
      },
    });
  });

  it('keeps a timeout of 0 as 0 and reads the numbers', () => {
    const read = drainRequest(form({ gracePeriod: '30', timeout: '0' }));
    expect(read.ok && read.request).toMatchObject({ gracePeriodSeconds: 30, timeoutSeconds: 0 });
  });

  it.each([
    [{ gracePeriod: '0' }, 'The grace period is at least 1 second.'],
    [{ gracePeriod: 'soon' }, 'The grace period is a whole number of seconds.'],
    [{ timeout: '-5' }, 'The timeout is a whole number of seconds.'],
    [{ podSelector: 'app in (' }, 'Pod selector: '],
    [{ nodes: ['Node_3'] }, 'Nodes: '],
  ])('refuses %o', (overrides, problem) => {
    const read = drainRequest(form(overrides));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]).toContain(problem);
  });
});
