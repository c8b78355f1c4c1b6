/** Check 2: the access token's `roles` claim against the Graph application permissions the bot needs. */
import { rulesOn } from '../../domain/lifecycle/lifecycle-rules.js';
import type { Config } from '../config.js';
import { GRAPH_PERMISSIONS, grantedBy, type GraphPermission, type PermissionNeed } from './graph-permissions.js';
import { fail, pass, skip, warn, type CheckResult } from './result.js';

/**
 * The `roles` claim of an Entra access token. No signature check: the token came straight from Entra over
 * TLS, and only its claims are wanted here.
 */
function tokenRoles(accessToken: string): string[] {
  const payload = accessToken.split('.')[1];
  if (!payload) throw new Error('the access token is not a JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
  if (claims.roles === undefined) return [];
  if (!Array.isArray(claims.roles) || !claims.roles.every((role) => typeof role === 'string')) throw new Error('the token’s roles claim is not a list');
  return claims.roles;
}

const GROUPS: readonly { need: PermissionNeed; name: string; missing: 'fail' | 'warn'; consequence: string; also?: readonly string[] }[] = [
  { need: 'required', name: 'Permissions', missing: 'fail', consequence: 'the bot cannot invite without them' },
  {
    need: 'path-prediction',
    name: 'Permissions: paths',
    missing: 'warn',
    consequence: 'the bot still invites, but its sign-in predictions name what they could not read',
  },
  { need: 'mailbox', name: 'Permissions: mailbox', missing: 'fail', consequence: 'INVITATION_DELIVERY=mailbox cannot email guests without it' },
  {
    need: 'roles',
    name: 'Permissions: roles',
    missing: 'warn',
    consequence: 'only ADMIN_GROUP_IDS members are administrators, and when only admins and Guest Inviters may invite, nobody can',
  },
  {
    need: 'lifecycle',
    // Blocking sign-in and deleting a guest need it too; it is listed once, under reset.
    also: ['User.ReadWrite.All'],
    name: 'Permissions: lifecycle',
    missing: 'warn',
    consequence: 'the LIFECYCLE_* rules that are on cannot do their work: block and delete guests, read sign-ins, or see the Microsoft Entra guest lifecycle policies they must not duplicate',
  },
  {
    need: 'membership',
    name: 'Permissions: membership',
    missing: 'warn',
    consequence: 'guests are still invited, but adding them to the team or chat they were invited from is refused, and the chat is told which permission is missing',
  },
  { need: 'reset-redemption', name: 'Permissions: reset', missing: 'warn', consequence: 'everything else works; Reset redemption and Withdraw say they lack the permission' },
];

export function checkPermissions(accessToken: string | undefined, config: Config): CheckResult[] {
  const lifecycleOn = rulesOn(config.lifecycle).length > 0;
  const groups = GROUPS.filter((group) => (group.need !== 'mailbox' || config.invitations.delivery === 'mailbox') && (group.need !== 'lifecycle' || lifecycleOn));
  if (accessToken === undefined) return groups.map((group) => skip(group.name, 'no token: fix the sign-in first'));
  let roles: string[];
  try {
    roles = tokenRoles(accessToken);
  } catch (error) {
    return [fail('Permissions', `could not read the token's roles (${error instanceof Error ? error.message : String(error)}); check GRAPH_BASE_URL and ENTRA_AUTHORITY_HOST point at Microsoft`)];
  }
  return groups.map((group) => {
    const wanted = GRAPH_PERMISSIONS.filter(
      (permission) =>
        (permission.need === group.need || group.also?.includes(permission.name)) &&
        // Sign-in activity is read only by the inactivity rule.
        (permission.name !== 'AuditLog.Read.All' || config.lifecycle.inactivity !== undefined),
    );
    const missing = wanted.filter((permission) => grantedBy(permission, roles) === undefined);
    if (missing.length === 0) return pass(group.name, `granted: ${wanted.map((permission) => granted(permission, roles)).join(', ')}`);
    const advice =
      `missing ${missing.map(describe).join('; ')}: ${group.consequence}. ` +
      `Add ${missing.length === 1 ? 'it to app ' + config.graph.clientId + ' as a Microsoft Graph application permission' : 'them to app ' + config.graph.clientId + ' as Microsoft Graph application permissions'} and grant admin consent for the tenant.`;
    return group.missing === 'fail' ? fail(group.name, advice) : warn(group.name, advice);
  });
}

function granted(permission: GraphPermission, roles: readonly string[]): string {
  const by = grantedBy(permission, roles);
  return by === permission.name ? permission.name : `${permission.name} (through ${by})`;
}

function describe(permission: GraphPermission): string {
  return `${permission.name} [${permission.why.replaceAll('`', '')}]`;
}
