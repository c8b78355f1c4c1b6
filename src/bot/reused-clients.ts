/**
 * botbuilder builds a ConnectorClient and a UserTokenClient for every turn, each a ServiceClient with its own
 * HTTP pipeline of policies: about 4 % of the bot's CPU under load (bench:turn --profile). They hold nothing of
 * the turn — the app id, the channel's address and audience, and credentials whose tokens MSAL caches — so one
 * per app id, service URL and audience serves every turn, and their credentials keep their tokens between turns.
 */
import { AuthenticationConstants, ConnectorFactory, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';

/** Teams answers from a handful of service URLs; the caches stop growing well above that. */
const MAX_KEPT = 100;

export class ReusedClients {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  /** The factory botbuilder made for this identity, handing out the clients made before for the same app. */
  connectorFactory(identity: ClaimsIdentity, made: ConnectorFactory): ConnectorFactory {
    return new ReusingConnectorFactory(appIdOf(identity), made, this.connectors);
  }

  userTokenClient(identity: ClaimsIdentity, make: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return kept(this.userTokenClients, appIdOf(identity), make);
  }
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly appId: string,
    private readonly made: ConnectorFactory,
    private readonly connectors: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return kept(this.connectors, JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.made.create(serviceUrl, audience));
  }
}

/** The app a request speaks for, as botbuilder's own factories read it: the token's audience, else its appid. */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** A client that failed to be made is not kept: the next turn tries again. */
function kept<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  if (cache.size < MAX_KEPT) {
    cache.set(key, made);
    void made.catch(() => cache.delete(key));
  }
  return made;
}
