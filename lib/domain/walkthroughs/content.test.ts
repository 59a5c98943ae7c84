import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { namespaceNameProblem } from '../names';
import { WALKTHROUGHS } from './index';
import { textsOf } from './test-states';
import type { Text, Walkthrough } from './types';

const SIM_KINDS = [
  'Namespace',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Pod',
  'PodDisruptionBudget',
  'Service',
];
const DOCS = [
  'https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/',
  'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
  'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  'https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/',
];
const NOW = Date.parse('2026-11-29T10:00:00Z');

interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
}

const docsOf = (w: Walkthrough): Doc[] =>
  parseAllDocuments(w.manifests(NOW)).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Doc;
  });

/** Every text of a walkthrough, the docs' quotes too, with where it is. */
const allTextsOf = (w: Walkthrough): [string, Text][] => [
  ...textsOf(w),
  ...w.steps.flatMap((s) => s.docs.map((d, i): [string, Text] => [`${s.id}.docs[${i}]`, d.quote])),
];

describe('walkthroughs: content', () => {
  it('are the eight of the issue, with unique DNS-1123 label ids', () => {
    const ids = WALKTHROUGHS.map((w) => w.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(namespaceNameProblem(id)).toBeNull();
  });

  describe.each(WALKTHROUGHS.map((w) => [w.id, w] as const))('%s', (_, w) => {
    it('has at least three steps with unique ids', () => {
      expect(w.steps.length).toBeGreaterThanOrEqual(3);
      expect(new Set(w.steps.map((s) => s.id)).size).toBe(w.steps.length);
    });

    it('says everything in English and in Japanese, differently', () => {
      for (const [where, text] of allTextsOf(w)) {
        expect(text.en.trim(), where).not.toBe('');
        expect(text.ja.trim(), where).not.toBe('');
        expect(text.ja, where).not.toBe(text.en);
        expect(`${text.en} ${text.ja}`, where).not.toContain('${');
        expect(text.ja, where).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    });

    it('links every step to the Kubernetes docs', () => {
      for (const step of w.steps) {
        expect(step.docs.length, step.id).toBeGreaterThan(0);
        for (const { url } of step.docs) {
          expect(
            DOCS.some((d) => url.startsWith(d.split('#')[0] ?? d)),
            url,
          ).toBe(true);
        }
      }
    });

    it('gives kubectl commands without kubectl and its kubeconfig', () => {
      for (const step of w.steps) {
        if (step.action.kind !== 'kubectl') continue;
        expect(step.action.args[0], step.id).not.toBe('kubectl');
        expect(step.action.args.join(' '), step.id).not.toContain('--kubeconfig');
      }
    });

    it('creates only kinds the embedded cluster serves, in namespace learn', () => {
      const docs = docsOf(w);
      expect(docs.map((d) => d.kind)).toContain('Namespace');
      for (const d of docs) {
        expect(SIM_KINDS, d.kind).toContain(d.kind);
        if (d.kind !== 'Namespace') expect(d.metadata.namespace, d.metadata.name).toBe('learn');
      }
    });
  });

  it("makes the stuck walkthrough's replacements never Ready from 2.5 s after load", () => {
    const stuck = WALKTHROUGHS.find((w) => w.id === 'stuck');
    expect(stuck?.manifests(NOW)).toContain(
      `sim.drainboard.dev/never-ready-if-created-after: "2026-11-29T10:00:02.500Z"`,
    );
  });
});
