/** The tenant simulator's test-only control API (local/simulator/README.md), typed for tests. */

export interface SimulatedCall {
  method: string;
  path: string;
  status: number;
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

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }
}
