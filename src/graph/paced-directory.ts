/**
 * The DirectoryGateway with every invitation waiting its turn on the InvitationPacer, whose schedule every
 * instance shares; a 429 is told to the pacer (so to every instance) before it goes back to the caller.
 */
import { isServiceError } from '../domain/errors.js';
import type { DirectoryGateway, InvitationRequest, SentInvitation } from '../domain/ports/directory-gateway.js';
import type { InvitationPacer } from './invitation-pacer.js';

export class PacedDirectory implements DirectoryGateway {
  constructor(
    private readonly inner: DirectoryGateway,
    private readonly pacer: InvitationPacer,
  ) {}

  verifiedDomains(): Promise<readonly string[]> {
    return this.inner.verifiedDomains();
  }

  findUserByEmail(email: string) {
    return this.inner.findUserByEmail(email);
  }

  findUsersByEmail(emails: readonly string[]) {
    return this.inner.findUsersByEmail(emails);
  }

  guestSignIn(userId: string) {
    return this.inner.guestSignIn(userId);
  }

  deleteUser(userId: string): Promise<void> {
    return this.inner.deleteUser(userId);
  }

  invite(request: InvitationRequest): Promise<SentInvitation> {
    return this.paced(() => this.inner.invite(request));
  }

  /** A reset is a POST /invitations too: it counts against the same budget. */
  resetRedemption(request: InvitationRequest & { readonly userId: string }): Promise<SentInvitation> {
    return this.paced(() => this.inner.resetRedemption(request));
  }

  private async paced(call: () => Promise<SentInvitation>): Promise<SentInvitation> {
    await this.pacer.turn();
    try {
      return await call();
    } catch (error) {
      if (isServiceError(error) && error.code === 'graph.throttled') await this.pacer.throttled(error.retryAfterSeconds);
      throw error;
    }
  }
}
