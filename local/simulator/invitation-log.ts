import { normaliseAddress } from './email-address.js';

/** An invitation email Graph would have sent (sendInvitationMessage: true). */
export interface OutboxMessage {
  invitationId: string;
  userId: string;
  to: string;
  cc: string[];
  language: string;
  inviteRedeemUrl: string;
  /**
   * Always true when a customized body was asked for: Graph drops it when an app (service
   * principal) sends the invitation (graph-invitations.md, "Custom message is silently dropped").
   */
  customizedMessageBodyDropped: boolean;
  sentAt: string;
}

/** What the invitation endpoint did: how often each address was invited, and the mail it sent. */
export class InvitationLog {
  private readonly invitationsPerAddress = new Map<string, number>();
  private messages: OutboxMessage[] = [];

  recordInvitation(address: string): void {
    const key = normaliseAddress(address);
    this.invitationsPerAddress.set(key, (this.invitationsPerAddress.get(key) ?? 0) + 1);
  }

  invitationCounts(): Record<string, number> {
    return Object.fromEntries(this.invitationsPerAddress);
  }

  send(message: OutboxMessage): void {
    this.messages.push(message);
  }

  outbox(): readonly OutboxMessage[] {
    return this.messages;
  }

  clearOutbox(): void {
    this.messages = [];
  }

  clear(): void {
    this.invitationsPerAddress.clear();
    this.clearOutbox();
  }
}
