/** GET /users/delta: paging, state tokens, changes only, removals, $select, return=minimal, stale tokens. */
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, graphClientFor, guestAdministrationApp, invitationFor, send, useSimulator, type HttpAnswer } from './helpers.js';

interface DeltaPage {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: Record<string, unknown>[];
}


const tenant = useSimulator({ resetBeforeEach: true });

const botSelect = 'id,mail,userType,externalUserState,externalUserStateChangeDateTime,identities,creationType';
const pendingGuestId = '7b2639ce-be03-4e90-b9cf-337998c84ffd';
const annId = 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0';
const foxId = '99170eae-9d9a-4e85-85d9-062e3c095195';

/** One delta request to a path or to a link the simulator handed out, with the bot's token. */
async function delta(pathOrLink: string, headers: Record<string, string> = {}): Promise<HttpAnswer & { page: DeltaPage }> {
  const path = pathOrLink.startsWith('https://') ? pathOrLink.slice(tenant.sim.url.length) : pathOrLink;
  const answer = await send(tenant.sim, 'GET', path, { token: await accessToken(tenant.sim), headers });
  return { ...answer, page: answer.body as DeltaPage };
}

/** Follows nextLinks to the deltaLink; every page, in order. */
async function wholeRound(start: string, headers: Record<string, string> = {}): Promise<DeltaPage[]> {
  const pages: DeltaPage[] = [];
  let next: string | undefined = start;
  while (next !== undefined) {
    const { status, page } = await delta(next, headers);
    expect(status).toBe(200);
    pages.push(page);
    next = page['@odata.nextLink'];
  }
  return pages;
}

async function deltaLinkNow(select = botSelect): Promise<string> {
  const { page } = await delta(`/v1.0/users/delta?$select=${select}&$deltatoken=latest`);
  return page['@odata.deltaLink']!;
}

function expectValidDeltaPage(page: DeltaPage): void {
  expect(validateGraph('BaseDeltaFunctionResponse', page)).toEqual([]);
  for (const user of page.value.filter((entry) => !('@removed' in entry))) {
    expect(validateGraph('microsoft.graph.user', user)).toEqual([]);
  }
}

describe('the initial round', () => {
  it('pages every user by Prefer: odata.maxpagesize, then ends with a deltaLink', async () => {
    const first = await delta(`/v1.0/users/delta?$select=${botSelect}`, { prefer: 'odata.maxpagesize=5' });
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=5');

    const pages = await wholeRound(`/v1.0/users/delta?$select=${botSelect}`, { prefer: 'odata.maxpagesize=5' });

    expect(pages.map((page) => page.value.length)).toEqual([5, 5, 3]);
    pages.forEach(expectValidDeltaPage);
    // Only the last page carries the deltaLink, and never both links on one page (delta-query-overview).
    expect(pages.map((page) => [page['@odata.nextLink'] !== undefined, page['@odata.deltaLink'] !== undefined])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
    const ids = pages.flatMap((page) => page.value.map((user) => user['id']));
    const directory = await tenant.control.users();
    expect(new Set(ids)).toEqual(new Set(directory.map((user) => user['id'])));
    expect(ids).toHaveLength(directory.length);
  });

  it('hands out opaque absolute https links to itself, carrying no query option but the token', async () => {
    const pages = await wholeRound(`/v1.0/users/delta?$select=${botSelect}`, { prefer: 'odata.maxpagesize=10' });

    expect(pages[0]!['@odata.nextLink']).toMatch(new RegExp(`^${tenant.sim.url.replace(/\./g, '\\.')}/v1\\.0/users/delta\\?\\$skiptoken=[A-Za-z0-9_-]+$`));
    expect(pages[1]!['@odata.deltaLink']).toMatch(new RegExp(`^${tenant.sim.url.replace(/\./g, '\\.')}/v1\\.0/users/delta\\?\\$deltatoken=[A-Za-z0-9_-]+$`));
    expect(pages[0]!['@odata.context']).toBe(`${tenant.sim.url}/v1.0/$metadata#users(${botSelect})`);
  });

  it('uses a page of 100 without Prefer, so the seeded directory fits in one', async () => {
    const { page, headers } = await delta('/v1.0/users/delta');

    expect(headers.get('preference-applied')).toBeNull();
    expect(page.value).toHaveLength(13);
    expect(page['@odata.deltaLink']).toBeDefined();
    // Without $select: Graph's default user properties.
    expect(Object.keys(page.value[0]!).sort()).toEqual(
      ['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'].sort(),
    );
  });

  it('returns exactly the $select properties, which the links carry on', async () => {
    const pages = await wholeRound(`/v1.0/users/delta?$select=${botSelect}`, { prefer: 'odata.maxpagesize=4' });

    for (const user of pages.flatMap((page) => page.value)) expect(Object.keys(user).sort()).toEqual(botSelect.split(',').sort());
    const ann = pages.flatMap((page) => page.value).find((user) => user['id'] === annId);
    expect(ann).toMatchObject({ mail: 'ann@fabrikam.com', userType: 'Guest', externalUserState: 'Accepted', creationType: 'Invitation' });
  });

  it('works through the real Graph client, following the absolute links', async () => {
    const graph = graphClientFor(tenant.sim);
    let page = (await graph.api('/users/delta').select(botSelect).header('Prefer', 'odata.maxpagesize=7').get()) as DeltaPage;
    let seen = page.value.length;
    while (page['@odata.nextLink'] !== undefined) {
      page = (await graph.api(page['@odata.nextLink']).header('Prefer', 'odata.maxpagesize=7').get()) as DeltaPage;
      seen += page.value.length;
    }
    expect(seen).toBe(13);
    expect(page['@odata.deltaLink']).toBeDefined();
  });
});

describe('rounds from a deltaLink', () => {
  it('report only what changed: an invitation, a redemption, a reset and a deletion', async () => {
    const [last] = (await wholeRound(`/v1.0/users/delta?$select=${botSelect}`)).slice(-1);
    const deltaLink = last!['@odata.deltaLink']!;

    const invited = await send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim), body: invitationFor('kim@example.org') });
    const newGuestId = (invited.body as { invitedUser: { id: string } }).invitedUser.id;
    await tenant.control.redeem({ userId: pendingGuestId });
    const reset = await send(tenant.sim, 'POST', '/v1.0/invitations', {
      token: await accessToken(tenant.sim, guestAdministrationApp),
      body: invitationFor('ann@fabrikam.com', { resetRedemption: true, invitedUser: { id: annId } }),
    });
    expect(reset.status).toBe(201);
    await tenant.control.deleteUser(foxId);

    const pages = await wholeRound(deltaLink);
    pages.forEach(expectValidDeltaPage);
    const changes = pages.flatMap((page) => page.value);
    expect(changes).toHaveLength(4);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: newGuestId, mail: 'kim@example.org', externalUserState: 'PendingAcceptance', creationType: 'Invitation' }),
        expect.objectContaining({
          id: pendingGuestId,
          externalUserState: 'Accepted',
          identities: expect.arrayContaining([expect.objectContaining({ signInType: 'federated', issuer: 'ExternalAzureAD' })]),
        }),
        expect.objectContaining({ id: annId, externalUserState: 'PendingAcceptance' }),
        { id: foxId, '@removed': { reason: 'changed' } },
      ]),
    );

    // The round's own deltaLink: nothing changed since.
    const after = await wholeRound(pages.at(-1)!['@odata.deltaLink']!);
    expect(after.flatMap((page) => page.value)).toEqual([]);
  });

  it('reports a permanent deletion with reason deleted, also after an earlier soft deletion', async () => {
    const first = await deltaLinkNow();
    await tenant.control.deleteUser(foxId);
    const soft = await wholeRound(first);
    expect(soft.flatMap((page) => page.value)).toEqual([{ id: foxId, '@removed': { reason: 'changed' } }]);

    await tenant.control.deleteUser(foxId, { permanently: true });
    const permanent = await wholeRound(soft.at(-1)!['@odata.deltaLink']!);
    expect(permanent.flatMap((page) => page.value)).toEqual([{ id: foxId, '@removed': { reason: 'deleted' } }]);
  });

  it('$deltatoken=latest answers no users and a deltaLink from now', async () => {
    const { status, page } = await delta(`/v1.0/users/delta?$select=${botSelect}&$deltatoken=latest`);

    expect(status).toBe(200);
    expect(page.value).toEqual([]);
    expect(page['@odata.nextLink']).toBeUndefined();
    await tenant.control.redeem({ userId: pendingGuestId });
    const changes = (await wholeRound(page['@odata.deltaLink']!)).flatMap((p) => p.value);
    expect(changes).toEqual([expect.objectContaining({ id: pendingGuestId, externalUserState: 'Accepted' })]);
  });

  it('with $select, a change to unselected properties only does not make the user appear', async () => {
    const namesOnly = await deltaLinkNow('id,displayName');
    const guestFields = await deltaLinkNow();
    await tenant.control.redeem({ userId: pendingGuestId });

    expect((await wholeRound(namesOnly)).flatMap((page) => page.value)).toEqual([]);
    expect((await wholeRound(guestFields)).flatMap((page) => page.value)).toHaveLength(1);
  });

  it('pages the changes too, by the same Prefer header', async () => {
    const link = await deltaLinkNow();
    const token = await accessToken(tenant.sim);
    for (const name of ['a', 'b', 'c']) {
      await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor(`${name}.pager@example.org`) });
    }

    const pages = await wholeRound(link, { prefer: 'odata.maxpagesize=2' });
    expect(pages.map((page) => page.value.length)).toEqual([2, 1]);
  });

  it('with Prefer: return=minimal, returns only the changed properties and the id', async () => {
    const link = await deltaLinkNow();
    await tenant.control.redeem({ userId: pendingGuestId });

    const { page, headers } = await delta(link, { prefer: 'return=minimal' });

    expect(headers.get('preference-applied')).toBe('return=minimal');
    expect(page.value).toEqual([
      {
        id: pendingGuestId,
        externalUserState: 'Accepted',
        externalUserStateChangeDateTime: expect.any(String),
        identities: expect.any(Array),
      },
    ]);
  });
});

describe('tokens Graph can no longer continue from', () => {
  async function expectSyncStateNotFound(link: string): Promise<void> {
    const answer = await delta(link);
    expect(answer.status).toBe(400);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
    expect((answer.body as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'syncStateNotFound',
      message: 'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    });
  }

  it('answers 400 syncStateNotFound once the sync state is lost, for deltaLinks and nextLinks alike', async () => {
    const { page } = await delta(`/v1.0/users/delta?$select=${botSelect}`, { prefer: 'odata.maxpagesize=5' });
    const deltaLink = await deltaLinkNow();
    await tenant.control.invalidateDeltaTokens();

    await expectSyncStateNotFound(deltaLink);
    await expectSyncStateNotFound(page['@odata.nextLink']!);
    // A full resync works again.
    expect((await wholeRound('/v1.0/users/delta')).flatMap((p) => p.value)).toHaveLength(13);
  });

  it('answers the same for a token from before a reset, and for a token it never issued', async () => {
    const deltaLink = await deltaLinkNow();
    await tenant.control.reset();

    await expectSyncStateNotFound(deltaLink);
    await expectSyncStateNotFound('/v1.0/users/delta?$deltatoken=bm90LWEtdG9rZW4');
  });

  it('refuses query options that delta does not support, and options repeated beside a token', async () => {
    const top = await delta('/v1.0/users/delta?$top=5');
    expect(top.status).toBe(400);
    expect((top.body as { error: { code: string } }).error.code).toBe('Request_UnsupportedQuery');

    const deltaLink = await deltaLinkNow();
    const repeated = await delta(`${deltaLink}&$select=id`);
    expect(repeated.status).toBe(400);
  });
});
