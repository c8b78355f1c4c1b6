/** The tenant simulator's test-only control API (local/simulator/README.md), typed for tests. */

export interface SimulatedCall {
  method: string;
  path: string;
  /** null when the connection was dropped before an answer. */
  status: number | null;
  body?: unknown;
}

export class SimulatorControl {
  constructor(private readonly url: string) {}

  async calls(filter: { method?: string; path?: string } = {}): Promise<SimulatedCall[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    return (await this.request('GET', `/_sim/calls?${query}`)) as SimulatedCall[];
  }

  /** POST /invitations calls whose body names this address (any case). */
  async invitationCallsFor(address: string): Promise<SimulatedCall[]> {
    const calls = await this.calls({ method: 'POST', path: '/v1.0/invitations' });
    return calls.filter((call) => {
      const body = call.body as { invitedUserEmailAddress?: string } | undefined;
      return body?.invitedUserEmailAddress?.toLowerCase() === address.toLowerCase();
    });
  }

  /** How many times POST /invitations created or re-sent an invitation, per normalised address. */
  async invitationCounts(): Promise<Record<string, number>> {
    return (await this.request('GET', '/_sim/invitations')) as Record<string, number>;
  }

  async users(): Promise<Record<string, unknown>[]> {
    return (await this.request('GET', '/_sim/users')) as Record<string, unknown>[];
  }

  async fault(fault: Record<string, unknown>): Promise<void> {
    await this.request('POST', '/_sim/faults', fault);
  }

  async reset(): Promise<void> {
    await this.request('POST', '/_sim/reset', {});
  }

  async redeem(email: string): Promise<Record<string, unknown>> {
    return (await this.request('POST', '/_sim/redeem', { email })) as Record<string, unknown>;
  }

  private request(method: string, path: string, body?: unknown): Promise<unknown> {
    return controlRequest(this.url, method, path, body);
  }
}

/** One control-API call that must succeed; its JSON answer, or undefined for 204. */
export async function controlRequest(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}
