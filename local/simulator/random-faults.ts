import { z } from 'zod';
import { isUnderPath } from './http/path-prefix.js';
import { mulberry32 } from './prng.js';

// Test-injected failures at a rate instead of a count: each request matching a rule fails with
// probability `rate`, with a kind picked uniformly from `kinds`. The draws come from a PRNG seeded
// by the rule, so the same seed and the same sequence of requests give the same failures.

const randomFaultKinds = ['500', '503', '504', '504-after-create', 'drop-after-create'] as const;
export type RandomFaultKind = (typeof randomFaultKinds)[number];

export const randomFaultRuleSchema = z.strictObject({
  method: z.string().optional(),
  /** '/v1.0/invitations' matches that path and everything below it, as for count-based faults. */
  path: z.string().startsWith('/'),
  rate: z.number().min(0).max(1),
  seed: z.number().int(),
  kinds: z.array(z.enum(randomFaultKinds)).min(1),
});
export type RandomFaultRule = z.infer<typeof randomFaultRuleSchema>;

export class RandomFaultInjector {
  private rules: { rule: RandomFaultRule; next: () => number }[] = [];
  private injected = new Map<RandomFaultKind, number>();

  add(rule: RandomFaultRule): void {
    this.rules.push({ rule, next: mulberry32(rule.seed) });
  }

  clear(): void {
    this.rules = [];
    this.injected.clear();
  }

  /**
   * The fault for this request, or undefined. Only the first matching rule draws, so rules do not
   * consume each other's random numbers: one draw decides whether to fail, a second picks the kind.
   */
  roll(method: string, path: string): RandomFaultKind | undefined {
    const entry = this.rules.find(
      ({ rule }) => (rule.method === undefined || rule.method.toUpperCase() === method) && isUnderPath(path, rule.path),
    );
    if (entry === undefined || entry.next() >= entry.rule.rate) return undefined;
    const { kinds } = entry.rule;
    const kind = kinds[Math.floor(entry.next() * kinds.length)] ?? kinds[0];
    if (kind === undefined) return undefined; // unreachable: the schema requires at least one kind
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
    return kind;
  }

  /** How many faults of each kind were injected since the rules were last cleared; every kind is listed. */
  counts(): Record<RandomFaultKind, number> {
    return Object.fromEntries(randomFaultKinds.map((kind) => [kind, this.injected.get(kind) ?? 0])) as Record<RandomFaultKind, number>;
  }
}
