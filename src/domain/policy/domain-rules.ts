/**
 * The organisation's own allow- and deny-lists of invitee domains (configuration, not Graph).
 * `fabrikam.com` matches that domain only; `*.fabrikam.com` matches its subdomains only; list both for both.
 */

export interface DomainRules {
  /** Empty = every domain not blocked is allowed. */
  readonly allowed: readonly string[];
  readonly blocked: readonly string[];
  /** Addresses outside `allowed`: flagged and never sent (default), or sent once an administrator approves. */
  readonly outsideAllowed?: 'refuse' | 'approve';
}

export type DomainRuleCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'blocked-domain'; readonly rule: string }
  | { readonly ok: false; readonly reason: 'not-allowed-domain' };

export function checkDomainRules(domain: string, rules: DomainRules): DomainRuleCheck {
  const blockedBy = rules.blocked.find((pattern) => domainPatternMatches(pattern, domain));
  if (blockedBy) return { ok: false, reason: 'blocked-domain', rule: blockedBy };
  if (rules.allowed.length > 0 && !rules.allowed.some((pattern) => domainPatternMatches(pattern, domain))) {
    return { ok: false, reason: 'not-allowed-domain' };
  }
  return { ok: true };
}

export function domainPatternMatches(pattern: string, domain: string): boolean {
  const p = pattern.trim().toLowerCase();
  const d = domain.toLowerCase();
  return p.startsWith('*.') ? d.endsWith(p.slice(1)) && d.length > p.length - 1 : d === p;
}

/** A pattern is a domain name, optionally preceded by "*." */
export function isDomainPattern(pattern: string): boolean {
  return /^(\*\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/i.test(pattern.trim());
}
