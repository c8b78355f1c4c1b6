/**
 * What an integration test of the bot stands on: Azurite (its own process), the tenant simulator, a
 * stand-in Bot Connector that records the bot's replies, and the settings that point a bot at them.
 */
import { startAzurite, type RunningAzurite } from '../../local/azurite.js';
import { localBotEnv } from '../../local/bot-env.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FIXTURE_PATH, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../local/simulator/index.js';
import { startConnectorRecorder, type ConnectorRecorder } from './connector-recorder.js';
import { SimulatorControl } from './simulator-control.js';

export interface LocalServices {
  readonly azurite: RunningAzurite;
  readonly simulator: RunningSimulator;
  readonly sim: SimulatorControl;
  readonly connector: ConnectorRecorder;
  /** Settings for a bot that uses these services. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function startLocalServices(options: { readonly simulator?: SimulatorOptions } = {}): Promise<LocalServices> {
  const [azurite, simulator, connector] = await Promise.all([startAzurite(), startSimulator(options.simulator), startConnectorRecorder()]);
  return {
    azurite,
    simulator,
    sim: new SimulatorControl(simulator.url),
    connector,
    env: localBotEnv(simulator, azurite),
    close: async () => {
      await Promise.all([azurite.close(), simulator.close(), connector.close()]);
    },
  };
}

/** The seeded tenant with more application permissions granted to the bot's app registration (e.g. User.ReadWrite.All); its path. */
export function fixtureGranting(roles: readonly string[]): string {
  const fixture = JSON.parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8')) as { applications: { displayName: string; roles: string[] }[] };
  for (const app of fixture.applications) if (app.displayName === 'Guest Invites') app.roles.push(...roles);
  const path = join(mkdtempSync(join(tmpdir(), 'guest-invites-')), 'tenant.json');
  writeFileSync(path, JSON.stringify(fixture));
  return path;
}
