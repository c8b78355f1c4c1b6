import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { externalWorldSchema } from './external-world.js';
import { tenantConfigurationSchema } from './tenant-configuration.js';

// The fixture describes one resource tenant (Contoso), the apps registered in it, its directory, its
// configuration for guests, and the outside world its guests come from. Everything the simulator
// answers derives from it.

const isoDateTime = z.iso.datetime(); // Graph always answers in UTC with a trailing Z.

const objectIdentitySchema = z.object({
  signInType: z.string(),
  issuer: z.string(),
  issuerAssignedId: z.string().nullable(),
});

// Optional properties default to what Graph returns for an unset value, so fixture entries stay short.
const userSchema = z.object({
  id: z.guid(),
  displayName: z.string(),
  givenName: z.string().nullable().default(null),
  surname: z.string().nullable().default(null),
  jobTitle: z.string().nullable().default(null),
  mail: z.email().nullable(),
  mobilePhone: z.string().nullable().default(null),
  officeLocation: z.string().nullable().default(null),
  businessPhones: z.array(z.string()).default([]),
  preferredLanguage: z.string().nullable().default(null),
  companyName: z.string().nullable().default(null),
  userPrincipalName: z.string(),
  otherMails: z.array(z.email()).default([]),
  proxyAddresses: z.array(z.string().regex(/^smtp:/i, 'must start with SMTP: or smtp:')).default([]),
  userType: z.enum(['Member', 'Guest']),
  creationType: z.enum(['Invitation']).nullable().default(null),
  externalUserState: z.enum(['PendingAcceptance', 'Accepted']).nullable().default(null),
  externalUserStateChangeDateTime: isoDateTime.nullable().default(null),
  identities: z.array(objectIdentitySchema).default([]),
  accountEnabled: z.boolean().default(true),
  createdDateTime: isoDateTime,
});

// A group (Graph's group resource, the properties the simulator models). `members` are ids of users or
// of other groups (nesting). Microsoft 365 groups (`Unified`) and role-assignable groups take no groups
// as members, and a role-assignable group must be a security group.
const groupSchema = z.strictObject({
  id: z.guid(),
  displayName: z.string().min(1),
  description: z.string().nullable().default(null),
  mail: z.email().nullable().default(null),
  mailEnabled: z.boolean(),
  mailNickname: z.string().min(1),
  securityEnabled: z.boolean(),
  // Dynamic membership is not modelled: members are always the listed ones.
  groupTypes: z.array(z.enum(['Unified'])).default([]),
  isAssignableToRole: z.boolean().nullable().default(null),
  visibility: z.enum(['Public', 'Private', 'HiddenMembership']).nullable().default(null),
  createdDateTime: isoDateTime,
  members: z.array(z.guid()).default([]),
});

// An activated directory role (Graph's directoryRole): its object id is the tenant's own, the template id
// Microsoft's (the same in every tenant). `members` are ids of users or of role-assignable groups.
const directoryRoleSchema = z.strictObject({
  id: z.guid(),
  roleTemplateId: z.guid(),
  displayName: z.string().min(1),
  description: z.string(),
  members: z.array(z.guid()).default([]),
});

const applicationSchema = z.object({
  displayName: z.string(),
  clientId: z.guid(),
  clientSecret: z.string().min(1),
  servicePrincipalId: z.guid(),
  roles: z.array(z.string()),
  /** Certificates (PEM, public part) whose keys may sign client assertions for this app. */
  certificates: z.array(z.string().includes('-----BEGIN CERTIFICATE-----')).default([]),
  /** Federated identity credentials: a token from `issuer` about `subject` for one of `audiences` signs the app in. */
  federatedCredentials: z.array(z.object({ issuer: z.string(), subject: z.string(), audiences: z.array(z.string()).min(1) })).default([]),
});

/** A user-assigned managed identity the simulated Azure host holds (App Service's identity endpoint). */
const managedIdentitySchema = z.object({ displayName: z.string(), clientId: z.guid(), principalId: z.guid() });

const tenantSchema = z.object({
  id: z.guid(),
  displayName: z.string(),
  verifiedDomains: z
    .array(z.object({ name: z.string(), isDefault: z.boolean(), isInitial: z.boolean() }))
    .refine((domains) => domains.filter((domain) => domain.isDefault).length === 1, 'exactly one domain must be the default')
    .refine((domains) => domains.filter((domain) => domain.isInitial).length === 1, 'exactly one domain must be the initial one'),
});

const fixtureSchema = z
  .object({
    tenant: tenantSchema,
    applications: z.array(applicationSchema).min(1),
    managedIdentities: z.array(managedIdentitySchema).default([]),
    users: z.array(userSchema),
    /** Groups, nested or not; who is in which decides memberOf and transitiveMemberOf. */
    groups: z.array(groupSchema).default([]),
    /** The activated directory roles and who holds each directly. */
    directoryRoles: z.array(directoryRoleSchema).default([]),
    /** How the tenant is configured for guests: what the bot reads through Graph and redemption obeys. */
    configuration: tenantConfigurationSchema,
    /** Who exists outside the tenant: decides, with the configuration, how each guest redeems. */
    world: externalWorldSchema,
  })
  .superRefine((fixture, context) => {
    reportDuplicates(fixture.users.map((user) => user.id), ['users'], 'id', context);
    reportDuplicates(fixture.users.map((user) => user.userPrincipalName.toLowerCase()), ['users'], 'userPrincipalName', context);
    reportDuplicates(fixture.applications.map((app) => app.clientId), ['applications'], 'clientId', context);
    reportDuplicates(fixture.directoryRoles.map((role) => role.roleTemplateId), ['directoryRoles'], 'roleTemplateId', context);
    checkMemberships(fixture, context);
  });

/** Object ids are unique across the directory; every member must exist and be allowed where it is. */
function checkMemberships(fixture: { users: DirectoryUser[]; groups: DirectoryGroup[]; directoryRoles: DirectoryRole[] }, context: z.RefinementCtx): void {
  const userIds = new Set(fixture.users.map((user) => user.id.toLowerCase()));
  const groupsById = new Map(fixture.groups.map((group) => [group.id.toLowerCase(), group]));
  const seen = new Set(userIds);
  const reportTaken = (collection: string, ids: string[]): void =>
    ids.forEach((id, index) => {
      if (seen.has(id.toLowerCase())) {
        context.addIssue({ code: 'custom', path: [collection, index, 'id'], message: `duplicate object id '${id}': object ids are unique across users, groups and directory roles` });
      }
      seen.add(id.toLowerCase());
    });
  reportTaken('groups', fixture.groups.map((group) => group.id));
  reportTaken('directoryRoles', fixture.directoryRoles.map((role) => role.id));

  fixture.groups.forEach((group, groupIndex) => {
    if (group.isAssignableToRole === true && !group.securityEnabled) {
      context.addIssue({ code: 'custom', path: ['groups', groupIndex, 'securityEnabled'], message: 'a role-assignable group must be a security group' });
    }
    group.members.forEach((memberId, memberIndex) => {
      const path = ['groups', groupIndex, 'members', memberIndex];
      const memberGroup = groupsById.get(memberId.toLowerCase());
      if (!userIds.has(memberId.toLowerCase()) && memberGroup === undefined) {
        context.addIssue({ code: 'custom', path, message: `unknown member '${memberId}': no user or group in the fixture has this id` });
      } else if (memberGroup !== undefined && memberGroup.id.toLowerCase() === group.id.toLowerCase()) {
        context.addIssue({ code: 'custom', path, message: `group '${group.displayName}' cannot be a member of itself` });
      } else if (memberGroup !== undefined && group.isAssignableToRole === true) {
        context.addIssue({ code: 'custom', path, message: `'${group.displayName}' is role-assignable, so its members must be users, not the group '${memberGroup.displayName}'` });
      } else if (memberGroup !== undefined && group.groupTypes.includes('Unified')) {
        context.addIssue({ code: 'custom', path, message: `'${group.displayName}' is a Microsoft 365 group, which cannot have groups as members` });
      }
    });
  });

  fixture.directoryRoles.forEach((role, roleIndex) => {
    role.members.forEach((memberId, memberIndex) => {
      const path = ['directoryRoles', roleIndex, 'members', memberIndex];
      const memberGroup = groupsById.get(memberId.toLowerCase());
      if (memberGroup !== undefined && memberGroup.isAssignableToRole !== true) {
        context.addIssue({ code: 'custom', path, message: `group '${memberGroup.displayName}' is not role-assignable (isAssignableToRole), so it cannot hold the role '${role.displayName}'` });
      } else if (memberGroup === undefined && !userIds.has(memberId.toLowerCase())) {
        context.addIssue({ code: 'custom', path, message: `unknown member '${memberId}': no user or role-assignable group in the fixture has this id` });
      }
    });
  });
}

function reportDuplicates(values: string[], path: string[], field: string, context: z.RefinementCtx): void {
  values.forEach((value, index) => {
    if (values.indexOf(value) !== index) {
      context.addIssue({ code: 'custom', path: [...path, index, field], message: `duplicate ${field} '${value}'` });
    }
  });
}

export type Fixture = z.infer<typeof fixtureSchema>;
export type DirectoryUser = z.infer<typeof userSchema>;
export type ObjectIdentity = z.infer<typeof objectIdentitySchema>;
export type Application = z.infer<typeof applicationSchema>;
export type ManagedIdentity = z.infer<typeof managedIdentitySchema>;
export type DirectoryGroup = z.infer<typeof groupSchema>;
export type DirectoryRole = z.infer<typeof directoryRoleSchema>;

const directoryUserProperties = Object.keys(userSchema.shape) as (keyof DirectoryUser)[];

/** The user property with this name in Graph's spelling; Graph matches property names regardless of case. */
export function userPropertyNamed(name: string): keyof DirectoryUser | undefined {
  return directoryUserProperties.find((property) => property.toLowerCase() === name.toLowerCase());
}

export function loadFixture(path: string): Fixture {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the simulator fixture ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = fixtureSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Invalid simulator fixture ${path}:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
