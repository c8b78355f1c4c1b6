import { z } from 'zod';
import { deepMerge } from './deep-merge.js';
import { isDomainName } from './email-address.js';

// The resource tenant's configuration that decides how its guests redeem, in the shapes Graph uses for
// the resources the bot reads (shared/domain/redemption-paths.md, "Which tenant configuration decides
// the path"). The Graph handlers render it; redemption.ts decides against it.

const primaryIdentityProviders = ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'] as const;
const fallbackIdentityProviders = ['defaultConfiguredIdp', 'emailOneTimePasscode', 'microsoftAccount'] as const;
export type PrimaryIdentityProvider = (typeof primaryIdentityProviders)[number];
export type FallbackIdentityProvider = (typeof fallbackIdentityProviders)[number];

// emailAuthenticationMethodConfiguration: `default` counts as on (OTP auto-enabled from October 2021).
const emailAuthenticationMethodSchema = z.strictObject({
  state: z.enum(['enabled', 'disabled']).default('enabled'),
  allowExternalIdToUseEmailOtp: z.enum(['default', 'enabled', 'disabled']),
});

// socialIdentityProvider: configured = listed. Facebook is listed by Graph but never offered at redemption.
const socialIdentityProviderSchema = z.strictObject({
  identityProviderType: z.enum(['Google', 'Facebook']),
  clientId: z.string().min(1),
  displayName: z.string().optional(),
});

// samlOrWsFedExternalDomainFederation.
const domainFederationSchema = z.strictObject({
  id: z.string().min(1),
  displayName: z.string(),
  issuerUri: z.string().min(1),
  passiveSignInUri: z.string().min(1),
  preferredAuthenticationProtocol: z.enum(['saml', 'wsFed']),
  metadataExchangeUri: z.string().nullable().default(null),
  // Microsoft's example value: certificates are not checked by anything the simulator plays.
  signingCertificate: z.string().default('MIIC6DCCAdCgAwIBAgIQQ6vYJIVKQ'),
  domains: z.array(z.string().min(1)).min(1),
});

const targetSchema = z.strictObject({ target: z.string().min(1), targetType: z.enum(['user', 'group', 'application']) });
const targetConfigurationSchema = z.strictObject({ accessType: z.enum(['allowed', 'blocked']), targets: z.array(targetSchema) });
// crossTenantAccessPolicyB2BSetting
const b2bSettingSchema = z.strictObject({ usersAndGroups: targetConfigurationSchema, applications: targetConfigurationSchema });
// inboundOutboundPolicyConfiguration
const automaticUserConsentSchema = z.strictObject({ inboundAllowed: z.boolean().nullable(), outboundAllowed: z.boolean().nullable() });

// defaultInvitationRedemptionIdentityProviderConfiguration
const redemptionConfigurationSchema = z.strictObject({
  primaryIdentityProviderPrecedenceOrder: z
    .array(z.enum(primaryIdentityProviders))
    .refine((order) => new Set(order).size === order.length, 'each identity provider at most once'),
  fallbackIdentityProvider: z.enum(fallbackIdentityProviders),
});

const crossTenantDefaultSchema = z.strictObject({
  isServiceDefault: z.boolean(),
  b2bCollaborationInbound: b2bSettingSchema,
  automaticUserConsentSettings: automaticUserConsentSchema,
  invitationRedemptionIdentityProviderConfiguration: redemptionConfigurationSchema,
});

// crossTenantAccessPolicyConfigurationPartner: a null block inherits the default. Graph's partner has
// no redemption order: that one is tenant-wide.
const crossTenantPartnerSchema = z.strictObject({
  tenantId: z.guid(),
  b2bCollaborationInbound: b2bSettingSchema.nullable().default(null),
  automaticUserConsentSettings: automaticUserConsentSchema.default({ inboundAllowed: null, outboundAllowed: null }),
  isServiceProvider: z.boolean().nullable().default(null),
});

// authorizationPolicy: only the fields about external collaboration are configurable.
const authorizationPolicySchema = z.strictObject({
  allowInvitesFrom: z.enum(['none', 'adminsAndGuestInviters', 'adminsGuestInvitersAndAllMembers', 'everyone']),
  allowEmailVerifiedUsersToJoinOrganization: z.boolean(),
  guestUserRoleId: z.guid(),
});

// The portal's collaboration restrictions (tenant-policy.md §2): invitations to any domain (both lists
// empty, the default), only to the allowed domains, or to any but the blocked ones. The portal keeps one
// list at a time. Not readable through Graph v1.0, so no Graph handler renders it.
const restrictedDomainSchema = z.string().refine(isDomainName, 'must be a domain name such as fabrikam.com (no wildcards)');
const collaborationRestrictionsSchema = z
  .strictObject({ allowedDomains: z.array(restrictedDomainSchema).default([]), blockedDomains: z.array(restrictedDomainSchema).default([]) })
  .refine(
    (restrictions) => restrictions.allowedDomains.length === 0 || restrictions.blockedDomains.length === 0,
    'at most one of allowedDomains and blockedDomains may list domains: the portal keeps one list at a time (give the other as [])',
  );

export const tenantConfigurationSchema = z
  .strictObject({
    emailAuthenticationMethod: emailAuthenticationMethodSchema,
    socialIdentityProviders: z.array(socialIdentityProviderSchema),
    externalDomainFederations: z.array(domainFederationSchema),
    crossTenantAccess: z.strictObject({ default: crossTenantDefaultSchema, partners: z.array(crossTenantPartnerSchema) }),
    authorizationPolicy: authorizationPolicySchema,
    collaborationRestrictions: collaborationRestrictionsSchema.default({ allowedDomains: [], blockedDomains: [] }),
  })
  .superRefine((configuration, context) => {
    const types = configuration.socialIdentityProviders.map((provider) => provider.identityProviderType);
    if (new Set(types).size !== types.length) {
      context.addIssue({ code: 'custom', path: ['socialIdentityProviders'], message: 'each provider type at most once' });
    }
    const domains = configuration.externalDomainFederations.flatMap((federation) => federation.domains.map((domain) => domain.toLowerCase()));
    if (new Set(domains).size !== domains.length) {
      context.addIssue({ code: 'custom', path: ['externalDomainFederations'], message: 'a domain belongs to one federation only' });
    }
    const partners = configuration.crossTenantAccess.partners.map((partner) => partner.tenantId.toLowerCase());
    if (new Set(partners).size !== partners.length) {
      context.addIssue({ code: 'custom', path: ['crossTenantAccess', 'partners'], message: 'one configuration per partner tenant' });
    }
  });

export type TenantConfiguration = z.infer<typeof tenantConfigurationSchema>;
/** The configuration as written in the fixture or a patch: properties with defaults may be left out. */
export type TenantConfigurationInput = z.input<typeof tenantConfigurationSchema>;
export type DomainFederation = TenantConfiguration['externalDomainFederations'][number];
export type CrossTenantPartner = TenantConfiguration['crossTenantAccess']['partners'][number];
export type B2BSetting = z.infer<typeof b2bSettingSchema>;

/** The patch of PATCH /_sim/configuration before validation: any JSON object. */
export type ConfigurationPatch = Record<string, unknown>;

export type PatchResult = { ok: true; configuration: TenantConfiguration } | { ok: false; problem: string };

/**
 * Applies a partial configuration: objects merge key by key, arrays and scalars replace. The result must
 * be a whole valid configuration, else nothing changes. Like Graph, changing the cross-tenant default
 * makes it no longer the service default unless the patch says otherwise.
 */
export function patchConfiguration(current: TenantConfiguration, patch: ConfigurationPatch): PatchResult {
  const merged = deepMerge(current, patch) as Record<string, unknown>;
  const defaultPatch = (patch['crossTenantAccess'] as Record<string, unknown> | undefined)?.['default'];
  if (isObject(defaultPatch) && !('isServiceDefault' in defaultPatch)) {
    const crossTenant = merged['crossTenantAccess'] as { default: Record<string, unknown> };
    crossTenant.default['isServiceDefault'] = false;
  }
  const parsed = tenantConfigurationSchema.safeParse(merged);
  return parsed.success ? { ok: true, configuration: parsed.data } : { ok: false, problem: z.prettifyError(parsed.error) };
}

export function isEmailOtpOn(configuration: TenantConfiguration): boolean {
  return configuration.emailAuthenticationMethod.allowExternalIdToUseEmailOtp !== 'disabled';
}

export function isGoogleConfigured(configuration: TenantConfiguration): boolean {
  return configuration.socialIdentityProviders.some((provider) => provider.identityProviderType === 'Google');
}

export function federationForDomain(configuration: TenantConfiguration, domain: string): DomainFederation | undefined {
  const wanted = domain.toLowerCase();
  return configuration.externalDomainFederations.find((federation) => federation.domains.some((name) => name.toLowerCase() === wanted));
}

/**
 * Whether the collaboration restrictions let the tenant invite someone at this domain. A listed domain
 * covers itself only, in any case: Microsoft does not document that it covers subdomains (README choice).
 */
export function collaborationRestrictionsAdmit(configuration: TenantConfiguration, domain: string): boolean {
  const { allowedDomains, blockedDomains } = configuration.collaborationRestrictions;
  const wanted = domain.toLowerCase();
  const listed = (domains: readonly string[]): boolean => domains.some((listedDomain) => listedDomain.toLowerCase() === wanted);
  if (allowedDomains.length > 0) return listed(allowedDomains);
  return !listed(blockedDomains);
}

export function partnerFor(configuration: TenantConfiguration, tenantId: string): CrossTenantPartner | undefined {
  const wanted = tenantId.toLowerCase();
  return configuration.crossTenantAccess.partners.find((partner) => partner.tenantId.toLowerCase() === wanted);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
