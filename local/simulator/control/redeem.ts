import { z } from 'zod';
import type { DirectoryUser } from '../fixture.js';
import type { SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import { decideRedemption, offersAccountChoice } from '../redemption.js';
import type { SimulatorState } from '../simulator-state.js';
import type { TenantState } from '../tenant-state.js';
import { graphDateTime } from '../time.js';
import { ControlError, parseBody } from './control-handler.js';

// POST /_sim/redeem plays the guest opening the invitation link: redemption.ts decides the identity
// provider against the tenant's configuration and the world; a success is applied to the directory,
// a refusal changes nothing.

const redeemBodySchema = z
  .strictObject({
    email: z.email().optional(),
    userId: z.string().optional(),
    /** The account the guest actually signs in with, when it is not the invited one (wrong account). */
    signInAs: z.email().optional(),
    /** For an address that is both an Entra account and a personal Microsoft account. */
    choose: z.enum(['azureActiveDirectory', 'microsoftAccount']).optional(),
  })
  .refine((body) => (body.email === undefined) !== (body.userId === undefined), 'give exactly one of email and userId');

export function redeem(state: SimulatorState, request: SimRequest): SimResponse {
  const body = parseBody(request, redeemBodySchema);
  const { tenant } = state;
  const guest = invitedGuest(tenant, body);
  if (guest === undefined) throw new ControlError(404, `No invited guest matches ${JSON.stringify(body)}.`);
  if (guest.externalUserState === 'Accepted') {
    throw new ControlError(409, `Guest ${guest.id} already accepted the invitation; reset its redemption first.`);
  }
  const invitedAddress = body.email ?? guest.mail;
  if (invitedAddress === null) throw new ControlError(409, `Guest ${guest.id} has no mail address to redeem with; pass { email }.`);
  const signingIn = body.signInAs ?? invitedAddress;
  if (body.choose !== undefined && !offersAccountChoice(tenant.world, signingIn)) {
    throw new ControlError(400, `'choose' applies only to an address that is both an Entra account and a personal Microsoft account; ${signingIn} is not.`);
  }

  const decision = decideRedemption({ address: signingIn, configuration: tenant.configuration, world: tenant.world, choose: body.choose });
  if (decision.kind === 'refused') return jsonResponse(decision.status, { error: decision.error, message: decision.message });
  // Redemption binds the guest object to whichever account completed it (redemption-errors.md).
  tenant.recordRedemption(guest, { signInType: 'federated', issuer: decision.issuer, issuerAssignedId: signingIn }, graphDateTime());
  return jsonResponse(200, { userId: guest.id, path: decision.path, issuer: decision.issuer });
}

function invitedGuest(tenant: TenantState, body: { email?: string | undefined; userId?: string | undefined }): DirectoryUser | undefined {
  let user: DirectoryUser | undefined;
  if (body.email !== undefined) user = tenant.findUserByAddress(body.email);
  else if (body.userId !== undefined) user = tenant.findUser(body.userId);
  return user?.creationType === 'Invitation' ? user : undefined;
}
