/** The named scenarios the CLI and the demo can run. */
import type { Scenario } from '../scenario.ts';
import { bpo } from './bpo.ts';

export const SCENARIOS: Readonly<Record<string, Scenario>> = { bpo };

export function findScenario(name: string): Scenario | undefined {
  return Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
}
