/** The DirectoryGateway with every invitation waiting its turn on the shared InvitationPacer. */
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
      const sent = await call();
      this.pacer.succeeded();
      return sent;
    } catch (error) {
      if (isServiceError(error) && error.code === 'graph.throttled') this.pacer.throttled(error.retryAfterSeconds);
      throw error;
    }
  }
}
