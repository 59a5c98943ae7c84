import { describe, expect, it } from 'vitest';

import { kubectlLine } from './walkthroughs-api';

describe('kubectlLine', () => {
  it('prefixes the kubeconfig and quotes what a shell would split', () => {
    expect(kubectlLine('/tmp/d/no-budget.kubeconfig', ['get', 'pods', '-n', 'learn'])).toBe(
      'kubectl --kubeconfig /tmp/d/no-budget.kubeconfig get pods -n learn',
    );
    expect(
      kubectlLine('/tmp/my dir/x.kubeconfig', ['patch', 'pdb', 'a', '-p', '{"spec":{}}']),
    ).toBe(`kubectl --kubeconfig '/tmp/my dir/x.kubeconfig' patch pdb a -p '{"spec":{}}'`);
    expect(kubectlLine('/k', ["it's"])).toBe(`kubectl --kubeconfig /k 'it'\\''s'`);
  });
});
