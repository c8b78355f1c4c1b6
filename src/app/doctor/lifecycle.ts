/** Check: with a LIFECYCLE_* rule on, which Microsoft Entra guest lifecycle policies the bot will leave its rules to. */
import type { Client } from '@microsoft/microsoft-graph-client';
import { rulesOn } from '../../domain/lifecycle/lifecycle-rules.js';
import { GraphLifecycleDirectory } from '../../graph/lifecycle-directory.js';
import type { Config } from '../config.js';
import { pass, warn, type CheckResult } from './result.js';

const NAME = 'Lifecycle';

export async function checkLifecycle(graph: Client, config: Config): Promise<CheckResult> {
  const on = rulesOn(config.lifecycle);
  try {
    const entra = await new GraphLifecycleDirectory(graph).entraPolicies();
    const dryRun = config.lifecycle.dryRun ? ' LIFECYCLE_DRY_RUN is on: rounds only report what they would do.' : '';
    if (entra.kind === 'none') {
      const why = entra.because === 'no-policies' ? 'the tenant has none' : 'none could be read (no licence for them, or LifecyclePolicies-Guests.Read.All missing)';
      return pass(NAME, `rules on: ${on.join(', ')}; Microsoft Entra guest lifecycle policies: ${why}, so the bot runs its own rules.${dryRun}`);
    }
    const policies = entra.policies.map((policy) => `${policy.displayName} (${policy.ruleTypes.join(', ') || 'no rules'})`).join('; ');
    const left = on.filter((rule) => entra.policies.some((policy) => policy.covers.includes(rule)));
    return pass(NAME, `rules on: ${on.join(', ')}; Microsoft Entra guest lifecycle policies in force: ${policies}. Left to them, not run by the bot: ${left.join(', ') || 'none'}.${dryRun}`);
  } catch (error) {
    return warn(NAME, `could not read Microsoft Entra guest lifecycle policies (${error instanceof Error ? error.message : String(error)}); the bot's rules run as if there were none.`);
  }
}
