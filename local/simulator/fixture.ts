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

const applicationSchema = z.object({
  displayName: z.string(),
  clientId: z.guid(),
  clientSecret: z.string().min(1),
  servicePrincipalId: z.guid(),
  roles: z.array(z.string()),
});

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
    users: z.array(userSchema),
    /** How the tenant is configured for guests: what the bot reads through Graph and redemption obeys. */
    configuration: tenantConfigurationSchema,
    /** Who exists outside the tenant: decides, with the configuration, how each guest redeems. */
    world: externalWorldSchema,
  })
  .superRefine((fixture, context) => {
    reportDuplicates(fixture.users.map((user) => user.id), ['users'], 'id', context);
    reportDuplicates(fixture.users.map((user) => user.userPrincipalName.toLowerCase()), ['users'], 'userPrincipalName', context);
    reportDuplicates(fixture.applications.map((app) => app.clientId), ['applications'], 'clientId', context);
  });

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
    throw new Error(`Cannot read the simulator fixture ${path}: ${(error as Error).message}`);
  }
  const parsed = fixtureSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Invalid simulator fixture ${path}:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
