/**
 * Who the person behind a Teams action is, for policy: the tenant's rule on who may invite, the
 * organisation's groups, and whether they administer the bot. Asked on the server for every action that
 * needs it; buttons hidden from a card prove nothing.
 */
import type { Inviter } from '../invitations/invitation.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { PeopleDirectory } from '../ports/people-directory.js';
import type { TenantConfigurationGateway } from '../ports/tenant-configuration.js';
import { describeRefusal, isBotAdministrator, mayInvite, type InvitePolicy, type InviteRefusal } from '../policy/who-may-invite.js';
import type { Message } from '../message.js';

export interface AuthorizeDependencies {
  readonly people: PeopleDirectory;
  readonly tenant: TenantConfigurationGateway;
  readonly groups: Pick<InvitePolicy, 'inviterGroupIds' | 'adminGroupIds'>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
}

export type InviterCheck =
  | { readonly ok: true; readonly administrator: boolean }
  | { readonly ok: false; readonly refusal: InviteRefusal; readonly why: Message; readonly ask: Message };

/** May this person invite? A refusal is audited with its reason; `subject` names what they were asking for. */
export async function checkInviter(deps: AuthorizeDependencies, actor: Inviter, subject: string, addresses: readonly string[] = []): Promise<InviterCheck> {
  const [person, snapshot] = await Promise.all([actor.aadObjectId ? deps.people.person(actor.aadObjectId) : undefined, deps.tenant.snapshot()]);
  const policy: InvitePolicy = { ...deps.groups, allowInvitesFrom: snapshot.allowInvitesFrom ?? 'unreadable' };
  const permission = mayInvite(person, policy);
  if (permission.ok) return { ok: true, administrator: isBotAdministrator(person, policy) };
  await deps.audit.append(deps.tenantId, {
    at: deps.clock.now().toISOString(),
    actor,
    action: 'refuse',
    subject,
    ...(addresses.length > 0 ? { addresses } : {}),
    outcome: permission.refusal,
    detail: `allowInvitesFrom=${policy.allowInvitesFrom}`,
  });
  return { ok: false, refusal: permission.refusal, ...describeRefusal(permission.refusal) };
}

export async function isAdministrator(deps: Pick<AuthorizeDependencies, 'people' | 'groups'>, actor: Inviter): Promise<boolean> {
  if (!actor.aadObjectId) return false;
  return isBotAdministrator(await deps.people.person(actor.aadObjectId), deps.groups);
}
