import { goKit } from './go-kit';
import { jvmKit } from './jvm-kit';
import { kitFacts, type KitFacts } from './kit-facts';
import type { ContractKit } from './kit-file';
import { nodeKit } from './node-kit';
import { phpKit } from './php-kit';
import { pythonKit } from './python-kit';
import { rustKit } from './rust-kit';
import type { AppModel } from '../../contract/app-model';
import type { Runtime } from '../../contract/images';

export type { ContractKit, KitFile } from './kit-file';
export { kitFacts, type KitFacts } from './kit-facts';

type KitBuilder = (facts: KitFacts) => ContractKit;

const KITS: Record<Runtime, KitBuilder> = {
  'node22': nodeKit,
  'node20': nodeKit,
  'python3.12': pythonKit,
  'python3.11': pythonKit,
  'go1.23': goKit,
  'jvm21': jvmKit(21),
  'jvm17': jvmKit(17),
  'rust1.78': rustKit,
  'php8.3': phpKit,
};

/** The contract kit for the app's runtime, or undefined when that runtime has none yet. */
export function contractKit(model: AppModel): ContractKit | undefined {
  const build = KITS[model.answers.runtime];
  return build ? build(kitFacts(model)) : undefined;
}
