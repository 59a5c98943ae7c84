import { DEMO } from './demo';
import { EMPTY } from './empty';

/** Named starting states of the embedded cluster, as multi-document YAML. */
export const SCENARIOS: Record<string, string> = {
  empty: EMPTY,
  demo: DEMO,
};

export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

export { applyManifests, parseManifests } from './manifests';
