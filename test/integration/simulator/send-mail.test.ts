/** POST /users/{id}/sendMail from the shared mailbox, through the real Graph client, and its refusals. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE_PATH, startSimulator, type RunningSimulator } from '../../../local/simulator/index.js';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, directoryReaderApp, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

const sharedMailbox = { id: 'd00909dd-c9f5-4242-8fbc-efb961def1d9', address: 'invitations@contoso.com' };

function mailTo(address: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    message: {
      subject: 'Your invitation to Contoso',
      body: { contentType: 'HTML', content: '<p>Welcome</p>' },
      toRecipients: [{ emailAddress: { address, name: 'Jo' } }],
      ...extra,
    },
    saveToSentItems: false,
  };
}

async function sendMailAs(userIdOrPrincipalName: string, body: unknown, token?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  return send(tenant.sim, 'POST', `/v1.0/users/${encodeURIComponent(userIdOrPrincipalName)}/sendMail`, { token: token ?? (await accessToken(tenant.sim)), body });
}

describe('sendMail', () => {
  it('accepts mail from the shared mailbox through the Graph client and puts it in the outbox', async () => {
    // Graph's metadata spells the body type in lower case (its examples write 'HTML'); both are accepted.
    const body = mailTo('jo@fabrikam.com', {
      body: { contentType: 'html', content: '<p>Welcome</p>' },
      ccRecipients: [{ emailAddress: { address: 'dana@contoso.com' } }],
    });

    await tenant.graph.api(`/users/${sharedMailbox.address}/sendMail`).post(body);

    expect(validateGraph('microsoft.graph.message', body['message'])).toEqual([]);
    expect(await tenant.control.mail()).toEqual([
      {
        from: 'invitations@contoso.com',
        to: ['jo@fabrikam.com'],
        cc: ['dana@contoso.com'],
        subject: 'Your invitation to Contoso',
        contentType: 'HTML',
        content: '<p>Welcome</p>',
        sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
    ]);
  });

  it('answers 202 Accepted with no body, addressed by object id too', async () => {
    const answer = await sendMailAs(sharedMailbox.id, mailTo('jo@fabrikam.com'));

    expect(answer.status).toBe(202);
    expect(answer.body).toBeUndefined();
    expect(answer.headers.get('request-id')).toEqual(expect.any(String));
    expect((await tenant.control.mail()).map((mail) => mail.from)).toEqual(['invitations@contoso.com']);
  });

  it('accepts the metadata’s parameter spelling and any case of contentType, and defaults what is left out', async () => {
    const answer = await sendMailAs(sharedMailbox.address, {
      Message: { toRecipients: [{ emailAddress: { address: 'jo@fabrikam.com' } }], body: { contentType: 'text', content: 'Hi' } },
      SaveToSentItems: true,
    });
    await sendMailAs(sharedMailbox.address, { message: { toRecipients: [{ emailAddress: { address: 'sam@fabrikam.com' } }] } });

    expect(answer.status).toBe(202);
    expect(await tenant.control.mail()).toEqual([
      expect.objectContaining({ to: ['jo@fabrikam.com'], cc: [], subject: '', contentType: 'Text', content: 'Hi' }),
      expect.objectContaining({ to: ['sam@fabrikam.com'], subject: '', contentType: 'Text', content: '' }),
    ]);
  });

  it('needs the Mail.Send application permission', async () => {
    const answer = await sendMailAs(sharedMailbox.address, mailTo('jo@fabrikam.com'), await accessToken(tenant.sim, directoryReaderApp));

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    expect(await tenant.control.mail()).toEqual([]);
  });

  it('answers 404 ErrorInvalidUser for an unknown user and MailboxNotEnabledForRESTAPI for a guest', async () => {
    const unknown = await sendMailAs('nobody@contoso.com', mailTo('jo@fabrikam.com'));
    const guest = await sendMailAs('a21eec3b-fd20-4c88-8deb-9d30b419d0c0', mailTo('jo@fabrikam.com'));

    expect(unknown.status).toBe(404);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', unknown.body)).toEqual([]);
    expect(unknown.body).toMatchObject({ error: { code: 'ErrorInvalidUser', message: "The requested user 'nobody@contoso.com' is invalid." } });
    expect(guest.status).toBe(404);
    expect(guest.body).toMatchObject({
      error: { code: 'MailboxNotEnabledForRESTAPI', message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.' },
    });
  });

  it('answers 400 ErrorInvalidRecipients without a recipient or with an invalid address', async () => {
    const noRecipients = await sendMailAs(sharedMailbox.address, mailTo('x', { toRecipients: [] }));
    const missingList = await sendMailAs(sharedMailbox.address, { message: { subject: 'Hi' } });
    const badCc = await sendMailAs(sharedMailbox.address, mailTo('jo@fabrikam.com', { ccRecipients: [{ emailAddress: { address: 'not an address' } }] }));

    for (const answer of [noRecipients, missingList, badCc]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid.' } });
    }
    expect(await tenant.control.mail()).toEqual([]);
  });

  it.each([
    ['a body that is not JSON', 'not json'],
    ['no message', { saveToSentItems: true }],
    ['an unknown content type', mailTo('jo@fabrikam.com', { body: { contentType: 'Markdown', content: '*hi*' } })],
    ['an unknown parameter', { ...mailTo('jo@fabrikam.com'), urgent: true }],
    ['a subject that is not a string', mailTo('jo@fabrikam.com', { subject: 42 })],
  ])('answers 400 ErrorInvalidRequest for %s', async (_case, body) => {
    const answer =
      typeof body === 'string'
        ? await fetch(`${tenant.sim.url}/v1.0/users/${sharedMailbox.address}/sendMail`, {
            method: 'POST',
            headers: { authorization: `Bearer ${await accessToken(tenant.sim)}`, 'content-type': 'application/json' },
            body,
          }).then(async (response) => ({ status: response.status, body: await response.json() }))
        : await sendMailAs(sharedMailbox.address, body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'ErrorInvalidRequest', message: expect.any(String) } });
  });

  it('refuses another method with 405, and the Graph client sees a 404 as a GraphError', async () => {
    const get = await send(tenant.sim, 'GET', `/v1.0/users/${sharedMailbox.address}/sendMail`, { token: await accessToken(tenant.sim) });
    const error = await (tenant.graph.api('/users/nobody@contoso.com/sendMail').post(mailTo('jo@fabrikam.com')) as Promise<unknown>).catch(
      (caught: GraphError) => caught,
    );

    expect(get.status).toBe(405);
    expect(error).toMatchObject({ statusCode: 404, code: 'ErrorInvalidUser' });
  });

  it('empties the outbox on DELETE /_sim/mail and on reset', async () => {
    await sendMailAs(sharedMailbox.address, mailTo('jo@fabrikam.com'));
    await send(tenant.sim, 'DELETE', '/_sim/mail');
    const afterDelete = await tenant.control.mail();
    await sendMailAs(sharedMailbox.address, mailTo('jo@fabrikam.com'));
    await tenant.control.reset();

    expect(afterDelete).toEqual([]);
    expect(await tenant.control.mail()).toEqual([]);
  });
});

describe('sendMail from a member without a mail address', () => {
  let directory: string;
  let other: RunningSimulator;

  beforeAll(async () => {
    // The seeded tenant's members all have mail; this copy takes Walter Skinner's away.
    const fixture = JSON.parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8')) as { users: { userPrincipalName: string; mail: string | null }[] };
    const walter = fixture.users.find((user) => user.userPrincipalName === 'walter@contoso.com');
    if (walter !== undefined) walter.mail = null;
    directory = mkdtempSync(join(tmpdir(), 'sim-fixture-'));
    writeFileSync(join(directory, 'tenant.json'), JSON.stringify(fixture));
    other = await startSimulator({ fixturePath: join(directory, 'tenant.json') });
  });

  afterAll(async () => {
    await other?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers 404 MailboxNotEnabledForRESTAPI', async () => {
    const answer = await send(other, 'POST', '/v1.0/users/walter@contoso.com/sendMail', {
      token: await accessToken(other),
      body: mailTo('jo@fabrikam.com'),
    });

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'MailboxNotEnabledForRESTAPI' } });
  });
});
