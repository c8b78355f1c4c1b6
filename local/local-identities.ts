/**
 * Who is who in the local run, read from the simulator's seeded tenant: the bot's app registration, and
 * the tenant members the Playground plays (its current user is the first member, Dana Scully, unless
 * another member's object id is asked for).
 */
import { loadFixture } from './simulator/fixture.js';
import { DEFAULT_FIXTURE_PATH } from './simulator/index.js';
import type { PlaygroundUser } from './playground.js';

export interface LocalIdentities {
  readonly app: { readonly clientId: string; readonly clientSecret: string };
  readonly currentUser: PlaygroundUser;
  readonly otherUsers: readonly PlaygroundUser[];
}

export function localIdentities(fixturePath = DEFAULT_FIXTURE_PATH, currentUserId?: string): LocalIdentities {
  const fixture = loadFixture(fixturePath);
  const app = fixture.applications.find((candidate) => candidate.roles.includes('User.Invite.All'));
  if (!app) throw new Error(`${fixturePath} has no app registration with User.Invite.All for the bot`);
  const members: PlaygroundUser[] = fixture.users
    .filter((user) => user.userType === 'Member' && user.mail)
    .map((user) => ({
      aadObjectId: user.id,
      name: user.displayName ?? user.mail ?? user.id,
      givenName: user.givenName ?? '',
      surname: user.surname ?? '',
      email: user.mail ?? '',
    }));
  if (currentUserId !== undefined) {
    const chosen = members.findIndex((member) => member.aadObjectId === currentUserId);
    if (chosen < 0) throw new Error(`${fixturePath} has no member with a mail and the object id ${currentUserId}`);
    members.unshift(...members.splice(chosen, 1));
  }
  const [currentUser, ...others] = members;
  if (!currentUser || others.length < 5) throw new Error(`${fixturePath} needs at least 6 members for the Playground`);
  return { app: { clientId: app.clientId, clientSecret: app.clientSecret }, currentUser, otherUsers: others.slice(0, 5) };
}
