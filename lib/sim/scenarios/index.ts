import { BARE } from './bare';
import { demo } from './demo';
import { EMPTY } from './empty';

/** Named starting states of the embedded cluster: multi-document YAML for a load time. */
export const SCENARIOS: Record<string, (now: number) => string> = {
  bare: () => BARE,
  empty: () => EMPTY,
  demo,
};

export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

export { applyManifests, parseManifests } from './manifests';
