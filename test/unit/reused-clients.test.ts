import { describe, expect, it } from 'vitest';
import { ClaimsIdentity, ConnectorClient, ConnectorFactory, MicrosoftAppCredentials, type UserTokenClient } from 'botframework-connector';
import { ReusedClients } from '../../src/bot/reused-clients.js';

/** botbuilder's factory as the adapter gets it: a new client on every call, counted. */
class CountingFactory extends ConnectorFactory {
  made: { serviceUrl: string; audience: string | undefined }[] = [];
  failNext = false;

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    this.made.push({ serviceUrl, audience });
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('no credentials'));
    }
    return Promise.resolve(new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl }));
  }
}

const identityFor = (appId: string) => new ClaimsIdentity([{ type: 'aud', value: appId }], true);
const TEAMS = 'https://smba.trafficmanager.net/emea/';

describe('clients reused across turns', () => {
  it('one connector client per app, service URL and audience, whichever turn asks', async () => {
    const clients = new ReusedClients();
    const factory = new CountingFactory();
    const first = await clients.connectorFactory(identityFor('app-1'), factory).create(TEAMS, 'aud');
    const again = await clients.connectorFactory(identityFor('app-1'), new CountingFactory()).create(TEAMS, 'aud');
    expect(again).toBe(first);
    expect(factory.made).toHaveLength(1);

    const otherUrl = await clients.connectorFactory(identityFor('app-1'), factory).create('https://smba.trafficmanager.net/amer/', 'aud');
    const otherAudience = await clients.connectorFactory(identityFor('app-1'), factory).create(TEAMS, 'other');
    const otherApp = await clients.connectorFactory(identityFor('app-2'), factory).create(TEAMS, 'aud');
    expect(new Set([first, otherUrl, otherAudience, otherApp]).size).toBe(4);
    expect(factory.made).toHaveLength(4);
  });

  it('a client that could not be made is asked for again on the next turn', async () => {
    const clients = new ReusedClients();
    const factory = new CountingFactory();
    factory.failNext = true;
    await expect(clients.connectorFactory(identityFor('app-1'), factory).create(TEAMS)).rejects.toThrow('no credentials');
    const made = await clients.connectorFactory(identityFor('app-1'), factory).create(TEAMS);
    expect(made).toBeInstanceOf(ConnectorClient);
    expect(factory.made).toHaveLength(2);
  });

  it('one user token client per app', async () => {
    const clients = new ReusedClients();
    let made = 0;
    const make = () => {
      made++;
      return Promise.resolve({ made } as unknown as UserTokenClient);
    };
    const first = await clients.userTokenClient(identityFor('app-1'), make);
    expect(await clients.userTokenClient(identityFor('app-1'), make)).toBe(first);
    expect(await clients.userTokenClient(identityFor('app-2'), make)).not.toBe(first);
    expect(made).toBe(2);
  });
});
