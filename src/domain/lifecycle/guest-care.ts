/**
 * What an inviter chooses on the review card about the guests' life after the invitation: who answers for
 * them (sponsors) and whether they are added to the team or group chat the list was started in.
 */
import type { InvitationRecord } from '../invitations/invitation.js';

/** Microsoft Entra takes at most five sponsors per guest (b2b-sponsors), the inviter included. */
export const MAX_SPONSORS = 5;

/** A colleague who answers for the guests with the inviter: a member of the tenant. */
export interface CoSponsor {
  readonly id: string;
  readonly address: string;
  readonly name?: string;
}

export interface GuestCare {
  /** Exactly what was typed in the co-sponsor field, so the card can show it again. */
  readonly typedCoSponsors: string;
  readonly coSponsors: readonly CoSponsor[];
  /** Add each guest, once they accept, to the team or group chat the list was started in. */
  readonly addToSpace: boolean;
  /** What is wrong with the co-sponsors as typed; nothing is sent while there is any. */
  readonly problems?: readonly CoSponsorProblem[];
}

export type CoSponsorProblem =
  | { readonly kind: 'not-found'; readonly address: string }
  /** A guest cannot answer for another guest: sponsors are the organisation's own people. */
  | { readonly kind: 'not-a-member'; readonly address: string }
  | { readonly kind: 'too-many'; readonly allowed: number };

/** The addresses typed into the co-sponsor field: commas, semicolons or spaces between them; each once. */
export function coSponsorAddresses(typed: string): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const part of typed.split(/[\s,;]+/)) {
    const address = part.trim().replace(/^mailto:/i, '').replace(/^<|>$/g, '').toLowerCase();
    if (address === '' || seen.has(address)) continue;
    seen.add(address);
    addresses.push(address);
  }
  return addresses;
}

/** The inviter first, then the co-sponsors, each once, at most MAX_SPONSORS: what POST /invitations sends. */
export function sponsorIdsFor(inviterId: string | undefined, coSponsorIds: readonly string[] = []): string[] {
  const ids: string[] = [];
  for (const id of [inviterId, ...coSponsorIds]) {
    if (id && !ids.some((known) => known.toLowerCase() === id.toLowerCase())) ids.push(id);
  }
  return ids.slice(0, MAX_SPONSORS);
}

/** Who answers for the guest: the sponsors recorded with the invitation, or (older records) the inviter. */
export function sponsorsOf(record: Pick<InvitationRecord, 'sponsorIds' | 'inviter'>): readonly string[] {
  return record.sponsorIds ?? sponsorIdsFor(record.inviter.aadObjectId);
}
