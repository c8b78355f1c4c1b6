/**
 * LifecycleDirectory over Microsoft Graph v1.0: blocking a guest's sign-in, reading sign-in activity (Entra ID
 * P1 only), and reading the tenant's Entra guest lifecycle policies.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { LifecycleRule, SignIns } from '../domain/lifecycle/lifecycle-rules.js';
import type { EntraLifecyclePolicy, EntraPolicies, LifecycleDirectory } from '../domain/ports/lifecycle-directory.js';
import { toServiceError } from './errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, JsonBatch, type BatchAnswer } from './json-batch.js';

/** Graph's answer without the licence for signInActivity (fact sheet §5). */
const UNLICENSED = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

/** Which Entra rule takes which of ours over (the rule types of identityGovernance.lifecyclePolicyRule). */
const COVERS: Readonly<Record<string, LifecycleRule>> = {
  invitationRedemptionRule: 'redemption-deadline',
  inactivityRule: 'inactivity',
  periodicAttestationRule: 'access-review',
};

interface GraphPolicy {
  id: string;
  displayName?: string | null;
  rules?: { '@odata.type'?: string }[] | null;
}

interface GraphSignInActivity {
  signInActivity?: { lastSignInDateTime?: string | null; lastSuccessfulSignInDateTime?: string | null } | null;
}

/** A 403 answers every guest alike (no licence, or no AuditLog.Read.All): one tells for all. */
const refusedForAll = (answer: BatchAnswer): answer is Extract<BatchAnswer, { ok: false }> => !answer.ok && answer.error.statusCode === 403;

export class GraphLifecycleDirectory implements LifecycleDirectory {
  private readonly batch: JsonBatch;

  constructor(
    private readonly client: Client,
    requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    this.batch = new JsonBatch(client, requestTimeoutMs);
  }

  async blockSignIn(userId: string): Promise<void> {
    try {
      await this.client.api(`/users/${encodeURIComponent(userId)}`).patch({ accountEnabled: false });
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return;
      throw toServiceError(error, 'PATCH /users/{id} (block sign-in)');
    }
  }

  /**
   * One GET per guest, 20 to a JSON batch: signInActivity cannot be filtered together with other properties,
   * and the bot's own guests are a small part of a tenant's users, so listing every user would cost far more.
   * The first batch goes alone: a tenant without the licence refuses every guest, and that batch tells.
   */
  async lastSignIns(userIds: readonly string[]): Promise<SignIns> {
    const read = await this.batch.getUntil({ urls: userIds.map((id) => `/users/${encodeURIComponent(id)}?$select=id,signInActivity`), operation: 'sign-in activity' }, refusedForAll);
    if (read.kind === 'decided') return read.answer.error.code === UNLICENSED ? { kind: 'unlicensed' } : { kind: 'unreadable' };
    const lastSignInAt = new Map<string, string | null>();
    read.answers.forEach((answer, index) => {
      const id = userIds[index] as string;
      if (answer.ok) {
        const activity = (answer.body as GraphSignInActivity).signInActivity;
        lastSignInAt.set(id, activity?.lastSuccessfulSignInDateTime ?? activity?.lastSignInDateTime ?? null);
      } else if (answer.error.statusCode !== 404) {
        throw toServiceError(answer.error, 'GET /users/{id}?$select=signInActivity (in a batch)');
      }
    });
    return { kind: 'known', lastSignInAt };
  }

  async entraPolicies(): Promise<EntraPolicies> {
    try {
      const page = (await this.client.api('/identityGovernance/lifecycleWorkflows/lifecyclePolicies').get()) as { value?: GraphPolicy[] };
      const policies = (page.value ?? []).map(toPolicy);
      return policies.length > 0 ? { kind: 'policies', policies } : { kind: 'none', because: 'no-policies' };
    } catch (error) {
      // No licence, no such feature in this cloud, or no permission: the bot's own rules run.
      if (error instanceof GraphError && error.statusCode === 403) return { kind: 'none', because: 'forbidden' };
      if (error instanceof GraphError && (error.statusCode === 400 || error.statusCode === 404)) return { kind: 'none', because: 'not-available' };
      throw toServiceError(error, 'GET /identityGovernance/lifecycleWorkflows/lifecyclePolicies');
    }
  }
}

function toPolicy(policy: GraphPolicy): EntraLifecyclePolicy {
  const ruleTypes = (policy.rules ?? []).map((rule) => (rule['@odata.type'] ?? '').split('.').at(-1) ?? '').filter(Boolean);
  return {
    id: policy.id,
    displayName: policy.displayName ?? policy.id,
    ruleTypes,
    covers: [...new Set(ruleTypes.flatMap((type) => (COVERS[type] ? [COVERS[type]] : [])))],
  };
}
