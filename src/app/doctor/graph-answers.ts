/** Check 3: Graph answers GET /organization with this tenant and its verified domains. */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config.js';
import { graphAdvice } from './graph-advice.js';
import { fail, pass, withTimeout, type CheckResult } from './result.js';

const NAME = 'Graph';

interface Organization {
  readonly id?: string;
  readonly displayName?: string;
  readonly verifiedDomains?: readonly { readonly name?: string; readonly isDefault?: boolean; readonly isInitial?: boolean }[];
}

export async function checkGraphAnswers(graph: Client, config: Config, timeoutSeconds: number): Promise<CheckResult> {
  let organizations: readonly Organization[];
  try {
    const page = (await withTimeout(
      graph.api('/organization').select(['id', 'displayName', 'verifiedDomains']).get() as Promise<{ value?: Organization[] }>,
      timeoutSeconds,
      `Graph at ${config.graph.baseUrl}`,
    )) ?? {};
    organizations = page.value ?? [];
  } catch (error) {
    return fail(NAME, graphAdvice(error, 'GET /organization', 'Organization.Read.All', config));
  }
  const organization = organizations[0];
  if (!organization) return fail(NAME, `GET /organization returned no organization; check GRAPH_BASE_URL (${config.graph.baseUrl}).`);
  if (organization.id && organization.id.toLowerCase() !== config.graph.tenantId.toLowerCase() && /^[0-9a-f-]{36}$/i.test(config.graph.tenantId)) {
    return fail(NAME, `Graph answered for tenant ${organization.id}, not GRAPH_TENANT_ID ${config.graph.tenantId}; check GRAPH_TENANT_ID and GRAPH_BASE_URL.`);
  }
  const domains = (organization.verifiedDomains ?? []).filter((domain) => domain.name);
  if (domains.length === 0) return fail(NAME, `GET /organization listed no verified domains for ${organization.displayName ?? organization.id}; the bot needs them to tell your own people from guests.`);
  const listed = domains.map((domain) => `${domain.name}${domain.isDefault ? ' (default)' : domain.isInitial ? ' (initial)' : ''}`).join(', ');
  return pass(NAME, `GET /organization: ${organization.displayName ?? '(no name)'} (${organization.id ?? config.graph.tenantId}), verified domains ${listed}`);
}
