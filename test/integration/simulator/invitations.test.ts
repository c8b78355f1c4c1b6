/** POST /v1.0/invitations through the real Graph client: creation, reuse, refusals, mail, reset. */
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, control, graphClientFor, guestAdministrationApp, invitationFor, send, useSimulator } from './helpers.js';

interface Invitation {
  id: string;
  inviteRedeemUrl: string;
  status: string;
  invitedUser: { id: string };
}


const tenant = useSimulator({ resetBeforeEach: true });

async function invite(body: Record<string, unknown>, client: Client = tenant.graph): Promise<Invitation> {
  return (await client.api('/invitations').post(body)) as Invitation;
}

async function directoryUser(id: string): Promise<Record<string, unknown> | undefined> {
  const users = await control<Record<string, unknown>[]>(tenant.sim, 'GET', '/users');
  return users.find((user) => user['id'] === id);
}

async function graphErrorOf(request: Promise<unknown>): Promise<GraphError> {
  return request.then(
    () => {
      throw new Error('expected the Graph call to fail');
    },
    (error: GraphError) => error,
  );
}

describe('creating an invitation', () => {
  it('creates a pending guest and answers 201 with a body matching Graph’s invitation schema', async () => {
    const invitation = await invite(invitationFor('new.partner@fabrikam.com', { invitedUserDisplayName: 'New Partner' }));

    expect(validateGraph('microsoft.graph.invitation', invitation)).toEqual([]);
    expect(invitation).toMatchObject({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#invitations/$entity`,
      invitedUserEmailAddress: 'new.partner@fabrikam.com',
      invitedUserType: 'Guest',
      status: 'PendingAcceptance',
      resetRedemption: false,
      sendInvitationMessage: false,
      invitedUserMessageInfo: { messageLanguage: null, ccRecipients: [], customizedMessageBody: null },
    });
    expect(await directoryUser(invitation.invitedUser.id)).toMatchObject({
      userPrincipalName: 'new.partner_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      mail: 'new.partner@fabrikam.com',
      otherMails: ['new.partner@fabrikam.com'],
      proxyAddresses: ['SMTP:new.partner@fabrikam.com'],
      displayName: 'New Partner',
      userType: 'Guest',
      creationType: 'Invitation',
      externalUserState: 'PendingAcceptance',
      externalUserStateChangeDateTime: expect.stringMatching(/Z$/),
      identities: [
        {
          signInType: 'userPrincipalName',
          issuer: 'contoso.onmicrosoft.com',
          issuerAssignedId: 'new.partner_fabrikam.com#EXT#@contoso.onmicrosoft.com',
        },
      ],
    });
  });

  it('hands out a redeem URL in Microsoft’s documented form, naming tenant and invitation', async () => {
    const invitation = await invite(invitationFor('link.check@example.org'));

    const redeem = new URL(invitation.inviteRedeemUrl);
    expect(redeem.origin + redeem.pathname).toBe('https://login.microsoftonline.com/redeem');
    expect(invitation.inviteRedeemUrl).toMatch(/rd=https%3a%2f%2finvitations\.microsoft\.com%2fredeem%2f%3ftenant%3d/);
    const inner = new URL(redeem.searchParams.get('rd') ?? '');
    expect(inner.searchParams.get('tenant')).toBe(tenant.sim.tenantId);
    expect(inner.searchParams.get('user')).toBe(invitation.id);
    expect(inner.searchParams.get('ver')).toBe('2.0');
  });

  it('names the local part as display name when none is given', async () => {
    const invitation = await invite(invitationFor('lee.partner@northwind.com'));

    expect(await directoryUser(invitation.invitedUser.id)).toMatchObject({ displayName: 'lee.partner' });
  });
});

describe('inviting an address the directory already holds', () => {
  it('reuses a pending guest’s object with a fresh redeem URL and counts both invitations', async () => {
    const first = await invite(invitationFor('Pending.Guest@Fabrikam.com'));
    const second = await invite(invitationFor('pending.guest@fabrikam.com'));

    expect(first.invitedUser.id).toBe('7b2639ce-be03-4e90-b9cf-337998c84ffd');
    expect(second.invitedUser.id).toBe(first.invitedUser.id);
    expect(second.inviteRedeemUrl).not.toBe(first.inviteRedeemUrl);
    expect(second.status).toBe('PendingAcceptance');
    expect(await control(tenant.sim, 'GET', '/invitations')).toEqual({ 'pending.guest@fabrikam.com': 2 });
  });

  it('finds a guest through otherMails and reports an accepted guest as Completed without mailing them', async () => {
    const invitation = await invite(invitationFor('rchen@northwind.com', { sendInvitationMessage: true }));

    expect(invitation.invitedUser.id).toBe('860ff31b-a232-45fe-948b-281f7fd48760');
    expect(invitation.status).toBe('Completed');
    expect(await control(tenant.sim, 'GET', '/outbox')).toEqual([]);
  });

  it('counts exactly one invitation for an address invited once', async () => {
    await invite(invitationFor('only.once@litware.org'));

    expect(await control(tenant.sim, 'GET', '/invitations')).toEqual({ 'only.once@litware.org': 1 });
  });
});

describe('refusals', () => {
  it('refuses an address in one of the tenant’s verified domains', async () => {
    const error = await graphErrorOf(invite(invitationFor('new.hire@contoso.com')));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BadRequest');
    expect(error.message).toMatch(/verified domain/);
    expect(await control(tenant.sim, 'GET', '/invitations')).toEqual({});
  });

  it('refuses plus-addressing with Graph’s error JSON', async () => {
    const answer = await send(tenant.sim, 'POST', '/v1.0/invitations', {
      token: await accessToken(tenant.sim),
      body: invitationFor('ann+tag@fabrikam.com'),
      headers: { 'client-request-id': 'plus-check' },
    });

    expect(answer.status).toBe(400);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({
      error: {
        code: 'BadRequest',
        message: expect.stringMatching(/plus-addressing/),
        innerError: { 'client-request-id': 'plus-check', 'request-id': answer.headers.get('request-id') },
      },
    });
    expect(answer.headers.get('client-request-id')).toBe('plus-check');
  });

  it.each([
    ['a missing address', { inviteRedirectUrl: 'https://myapps.microsoft.com' }, /invitedUserEmailAddress' is required/],
    ['a local part B2B refuses', invitationFor('a!b@fabrikam.com'), /contains '!'/],
    ['a relative redirect URL', invitationFor('x@fabrikam.com', { inviteRedirectUrl: '/welcome' }), /not an absolute/],
    [
      'two cc recipients',
      invitationFor('x@fabrikam.com', {
        invitedUserMessageInfo: {
          ccRecipients: [{ emailAddress: { address: 'a@contoso.com' } }, { emailAddress: { address: 'b@contoso.com' } }],
        },
      }),
      /only one cc recipient/,
    ],
    ['an unknown sponsor', invitationFor('x@fabrikam.com', { invitedUserSponsors: [{ id: '00000000-0000-4000-8000-000000000000' }] }), /sponsor/],
    ['an unknown property', invitationFor('x@fabrikam.com', { favouriteColour: 'teal' }), /'favouriteColour' does not exist on type 'microsoft.graph.invitation'/],
  ])('refuses %s with a specific BadRequest message', async (_case, body, message) => {
    const error = await graphErrorOf(invite(body));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BadRequest');
    expect(error.message).toMatch(message);
  });

  it('accepts up to five existing sponsors', async () => {
    const sponsors = [{ id: '0b7f2a1e-6c3d-4e5f-8a9b-1c2d3e4f5a6b' }, { id: '99170eae-9d9a-4e85-85d9-062e3c095195' }];

    const invitation = await invite(invitationFor('sponsored@fabrikam.com', { invitedUserSponsors: sponsors }));

    expect(invitation.status).toBe('PendingAcceptance');
  });
});

describe('the invitation mail', () => {
  it('goes to the outbox with its cc and language, and drops the customized body as for app-only callers', async () => {
    const invitation = await invite(
      invitationFor('mailed@example.org', {
        sendInvitationMessage: true,
        invitedUserMessageInfo: {
          messageLanguage: 'de-DE',
          customizedMessageBody: 'Welcome aboard!',
          ccRecipients: [{ emailAddress: { name: 'Dana', address: 'dana@contoso.com' } }],
        },
      }),
    );

    expect(await control(tenant.sim, 'GET', '/outbox')).toEqual([
      expect.objectContaining({
        invitationId: invitation.id,
        userId: invitation.invitedUser.id,
        to: 'mailed@example.org',
        cc: ['dana@contoso.com'],
        language: 'de-DE',
        inviteRedeemUrl: invitation.inviteRedeemUrl,
        customizedMessageBodyDropped: true,
      }),
    ]);
  });

  it('is not sent unless sendInvitationMessage is true', async () => {
    await invite(invitationFor('quiet@example.org'));

    expect(await control(tenant.sim, 'GET', '/outbox')).toEqual([]);
  });
});

describe('reset redemption', () => {
  const ann = 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0';
  const resetAnn = invitationFor('ann@fabrikam.com', { resetRedemption: true, invitedUser: { id: ann } });

  it('is refused to an app holding only User.Invite.All', async () => {
    const error = await graphErrorOf(invite(resetAnn));

    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authorization_RequestDenied');
  });

  it('puts an accepted guest back to PendingAcceptance under the same object id for a User.ReadWrite.All app', async () => {
    const invitation = await invite(resetAnn, graphClientFor(tenant.sim, guestAdministrationApp));

    expect(invitation).toMatchObject({ resetRedemption: true, status: 'PendingAcceptance', invitedUser: { id: ann } });
    expect(await directoryUser(ann)).toMatchObject({
      externalUserState: 'PendingAcceptance',
      userPrincipalName: 'ann_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      identities: [expect.objectContaining({ signInType: 'userPrincipalName' })],
    });
  });
});
