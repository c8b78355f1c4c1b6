/**
 * LifecycleDirectory over Microsoft Graph v1.0: blocking a guest's sign-in, reading sign-in activity (Entra ID
 * P1 only), and reading the tenant's Entra guest lifecycle policies.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { LifecycleRule, SignIns } from '../domain/lifecycle/lifecycle-rules.js';
import type { EntraLifecyclePolicy, EntraPolicies, LifecycleDirectory } from '../domain/ports/lifecycle-directory.js';
import { toServiceError } from './errors.js';

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

export class GraphLifecycleDirectory implements LifecycleDirectory {
  constructor(private readonly client: Client) {}

  async blockSignIn(userId: string): Promise<void> {
    try {
      await this.client.api(`/users/${encodeURIComponent(userId)}`).patch({ accountEnabled: false });
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return;
      throw toServiceError(error, 'PATCH /users/{id} (block sign-in)');
    }
  }

  /**
   * One GET per guest: signInActivity cannot be filtered together with other properties, and the bot's own
   * guests are a small part of a tenant's users, so listing every user would cost far more.
   */
  async lastSignIns(userIds: readonly string[]): Promise<SignIns> {
    const lastSignInAt = new Map<string, string | null>();
    for (const id of userIds) {
      try {
        const user = (await this.client.api(`/users/${encodeURIComponent(id)}`).select('id,signInActivity').get()) as {
          signInActivity?: { lastSignInDateTime?: string | null; lastSuccessfulSignInDateTime?: string | null } | null;
        };
        const activity = user.signInActivity;
        lastSignInAt.set(id, activity?.lastSuccessfulSignInDateTime ?? activity?.lastSignInDateTime ?? null);
      } catch (error) {
        if (error instanceof GraphError && error.statusCode === 404) continue;
        if (error instanceof GraphError && error.statusCode === 403) return error.code === UNLICENSED ? { kind: 'unlicensed' } : { kind: 'unreadable' };
        throw toServiceError(error, 'GET /users/{id}?$select=signInActivity');
      }
    }
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
