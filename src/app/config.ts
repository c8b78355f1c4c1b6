/**
 * Configuration: read from the environment once at start, validated, frozen. Nothing else reads
 * process.env. Every setting is documented with its default in .env.sample.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import { isDomainPattern, type DomainRules } from '../domain/policy/domain-rules.js';
import type { ApprovalRules } from '../domain/policy/approval-rules.js';
import type { LifecycleSettings } from '../domain/lifecycle/lifecycle-rules.js';
import type { GraphConnection, GraphCredentialSetting } from '../graph/client.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const httpsUrl = z
  .url({ message: 'must be an absolute URL' })
  .refine((value) => value.startsWith('https://'), { message: 'must use https' });

/** An IANA time zone the runtime knows ("Europe/Berlin"). */
const timeZone = z
  .string()
  .trim()
  .default('UTC')
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin');
/** A BCP 47 locale ("de-DE"); the bot speaks its language, or English. */
const locale = z
  .string()
  .trim()
  .default('en')
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a locale such as en-GB, de-DE or fr-FR');
const domainList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean))
  .refine((patterns) => patterns.every(isDomainPattern), { message: 'must be domains separated by commas, e.g. fabrikam.com,*.fabrikam.com' });

/** "Label|https://url" pairs separated by commas. */
const redirectChoices = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => {
        const [title = '', url = ''] = item.split('|').map((part) => part.trim());
        return { title, url };
      }),
  )
  .refine((choices) => choices.every((choice) => choice.title !== '' && /^https:\/\/[^\s]+$/.test(choice.url)), {
    message: 'must be Label|https://url pairs separated by commas',
  });

/** "150/5": at most 150 requests in any 5 seconds. */
const rateLimit = z
  .string()
  .regex(/^\s*\d+\s*\/\s*\d+(\.\d+)?\s*$/, { message: 'must be requests/seconds, e.g. 150/5' })
  .transform((value) => {
    const [requests = '0', seconds = '0'] = value.split('/').map((part) => part.trim());
    return { requests: Number(requests), windowSeconds: Number(seconds) };
  })
  .refine((rate) => rate.requests > 0 && rate.windowSeconds > 0, { message: 'must be positive, e.g. 150/5' });

/** "1,2,4": seconds between directory lookups. */
const secondsList = z
  .string()
  .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, { message: 'must be seconds separated by commas, e.g. 1,2,4' })
  .transform((value) => value.split(',').map((part) => Number(part.trim())));

/** Entra object ids (GUIDs) separated by commas. */
const objectIdList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean))
  .refine((ids) => ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)), {
    message: 'must be group object ids (GUIDs) separated by commas',
  });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A storage account endpoint: https, as token sign-in requires (Azurite over http takes a connection string). */
const storageEndpoint = z
  .string()
  .trim()
  .refine((value) => /^https:\/\/[^\s]+$/.test(value), { message: 'must be the storage account’s https endpoint, e.g. https://mystorage.table.core.windows.net/' });

/** botbuilder reads MicrosoftAppType case-insensitively; so do we, and hand it the canonical spelling. */
const BOT_APP_TYPES = ['SingleTenant', 'UserAssignedMSI', 'MultiTenant'] as const;
const botAppType = z
  .string()
  .trim()
  .transform((value) => BOT_APP_TYPES.find((type) => type.toLowerCase() === value.toLowerCase()) ?? value)
  .pipe(z.enum(BOT_APP_TYPES, { message: 'must be SingleTenant, UserAssignedMSI or MultiTenant' }));

const GRAPH_CREDENTIALS = ['secret', 'certificate', 'managed-identity'] as const;

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    MicrosoftAppId: z.string().trim().default(''),
    MicrosoftAppPassword: z.string().default(''),
    MicrosoftAppTenantId: z.string().trim().default(''),
    // New multi-tenant Azure Bots can no longer be created (July 2025): single-tenant is the default.
    MicrosoftAppType: botAppType.default('SingleTenant'),
    // botbuilder's own names for a single-tenant bot signing in with a certificate instead of a password.
    CertificateThumbprint: z.string().trim().default(''),
    CertificatePrivateKey: z.string().default(''),
    BOT_AUTHENTICATION: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
    GRAPH_BASE_URL: httpsUrl.default('https://graph.microsoft.com'),
    ENTRA_AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com'),
    GRAPH_TENANT_ID: z.string().trim().min(1, { message: 'is required: the directory (tenant) id guests are invited into' }),
    GRAPH_CLIENT_ID: z.string().trim().min(1, { message: 'is required: the application (client) id of the Entra app registration' }),
    GRAPH_CREDENTIAL: z.enum(GRAPH_CREDENTIALS, { message: 'must be secret, certificate or managed-identity' }).optional(),
    GRAPH_CLIENT_SECRET: z.string().default(''),
    GRAPH_CLIENT_CERTIFICATE_PATH: z.string().trim().default(''),
    AZURE_CLIENT_ID: z.string().trim().default(''),
    AZURE_STORAGE_CONNECTION_STRING: z.string().trim().default(''),
    AZURE_STORAGE_TABLE_URL: storageEndpoint.optional(),
    AZURE_STORAGE_QUEUE_URL: storageEndpoint.optional(),
    SHUTDOWN_GRACE_SECONDS: positiveInt(25),
    INVITE_REDIRECT_URL: httpsUrl.optional(),
    INVITE_REDIRECT_CHOICES: redirectChoices,
    INVITE_ALLOWED_DOMAINS: domainList,
    INVITE_BLOCKED_DOMAINS: domainList,
    INVITER_GROUP_IDS: objectIdList,
    ADMIN_GROUP_IDS: objectIdList,
    APPROVAL_BATCH_SIZE: z.coerce.number().int().min(0).default(0),
    APPROVAL_DAILY_PER_INVITER: z.coerce.number().int().min(0).default(0),
    APPROVAL_OUTSIDE_ALLOWED_DOMAINS: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
    NOTIFY_DIGEST: z.enum(['off', 'daily'], { message: 'must be off or daily' }).default('off'),
    NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
    ADMIN_TIME_ZONE: timeZone,
    ADMIN_LOCALE: locale,
    EXPORT_LINK_SECRET: z.string().default(''),
    INVITATION_DELIVERY: z.enum(['microsoft', 'mailbox', 'link'], { message: 'must be microsoft, mailbox or link' }).default('microsoft'),
    INVITATION_MAILBOX: z.string().trim().default(''),
    MAX_PASTE_CHARACTERS: positiveInt(MAX_PASTE_CHARACTERS),
    INVITE_RATE_LIMIT: rateLimit.default({ requests: 150, windowSeconds: 5 }),
    INVITE_PACING: z.enum(['shared', 'instance'], { message: 'must be shared or instance' }).default('shared'),
    INVITE_DAILY_LIMIT: z.coerce.number().int().min(0).default(0),
    SEND_CONCURRENCY: positiveInt(4),
    QUEUE_LEASE_SECONDS: positiveInt(60),
    GRAPH_REQUEST_TIMEOUT_SECONDS: positiveInt(30),
    DIRECTORY_RECHECK_SECONDS: secondsList.default([1, 2, 4]),
    TENANT_CONFIG_TTL_MINUTES: positiveInt(60),
    TRACKING_POLL_SECONDS: positiveInt(60),
    REMINDER_AFTER_DAYS: z.coerce.number().int().min(0).default(7),
    LIFECYCLE_REDEMPTION_DAYS: z.coerce.number().int().min(0).default(0),
    LIFECYCLE_REDEMPTION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    LIFECYCLE_REVIEW_DAYS: z.coerce.number().int().min(0).default(0),
    LIFECYCLE_INACTIVE_DAYS: z.coerce.number().int().min(0).default(0),
    LIFECYCLE_ANSWER_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    LIFECYCLE_REMOVAL_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    LIFECYCLE_UNANSWERED: z.enum(['keep', 'remove'], { message: 'must be keep or remove' }).default('keep'),
    LIFECYCLE_DRY_RUN: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
    LIFECYCLE_ROUND_MINUTES: z.coerce.number().int().min(0).default(60),
    GROUP_CHAT_HISTORY: z.enum(['none', 'all'], { message: 'must be none or all' }).default('none'),
    // Graph notifies https endpoints only; plain http is accepted on loopback for the local simulator.
    PUBLIC_BASE_URL: z
      .string()
      .trim()
      .default('')
      .refine((value) => value === '' || /^https:\/\/[^\s]+$/.test(value) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(value), {
        message: 'must be the bot’s public https address, e.g. https://guest-invites.contoso.com',
      }),
    // Named on the guest help, privacy and terms pages; without them the pages say "the organisation that invited you".
    ORGANISATION_NAME: z.string().trim().max(120).default(''),
    PRIVACY_CONTACT: z.string().trim().max(500).default(''),
    NOTIFICATION_CLIENT_STATE: z.string().max(128, { message: 'must be at most 128 characters (Graph’s limit)' }).default(''),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  })
  .superRefine((env, ctx) => {
    checkBotAuthentication(env, ctx);
    checkGraphCredential(env, ctx);
    checkStorage(env, ctx);
    if (env.PUBLIC_BASE_URL !== '' && env.NOTIFICATION_CLIENT_STATE.length < 16) {
      ctx.addIssue({ code: 'custom', path: ['NOTIFICATION_CLIENT_STATE'], message: 'is required with PUBLIC_BASE_URL: a secret of 16 to 128 characters every instance shares' });
    }
    if (env.EXPORT_LINK_SECRET !== '' && env.EXPORT_LINK_SECRET.length < 32) {
      ctx.addIssue({ code: 'custom', path: ['EXPORT_LINK_SECRET'], message: 'must be at least 32 characters: it signs audit export links' });
    }
    if (env.APPROVAL_OUTSIDE_ALLOWED_DOMAINS === 'true' && env.INVITE_ALLOWED_DOMAINS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['APPROVAL_OUTSIDE_ALLOWED_DOMAINS'], message: 'needs INVITE_ALLOWED_DOMAINS: without an allow-list no domain is outside it' });
    }
    if (env.INVITATION_DELIVERY === 'mailbox' && env.INVITATION_MAILBOX === '') {
      ctx.addIssue({ code: 'custom', path: ['INVITATION_MAILBOX'], message: 'is required when INVITATION_DELIVERY is mailbox: the address the bot sends invitations from' });
    }
  });

type Env = z.output<typeof schema>;
type RawEnv = Omit<Env, 'GRAPH_CREDENTIAL'> & { GRAPH_CREDENTIAL?: Env['GRAPH_CREDENTIAL'] };

/** Fails closed: without an app id botbuilder checks no token at all, so that must be asked for by name. */
function checkBotAuthentication(env: RawEnv, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (env.MicrosoftAppId === '') {
    if (env.BOT_AUTHENTICATION === 'on') {
      issue(
        'MicrosoftAppId',
        'is required: the Azure Bot’s app id (with MicrosoftAppType, MicrosoftAppTenantId and MicrosoftAppPassword or a managed identity). Without it nobody’s token is checked; for a local run with the Agents Playground set BOT_AUTHENTICATION=off instead (the bot then listens on 127.0.0.1 only)',
      );
    }
    return;
  }
  if (env.BOT_AUTHENTICATION === 'off') issue('BOT_AUTHENTICATION', 'off contradicts MicrosoftAppId: remove one of them (authentication stays on with an app id)');
  const certificate = env.CertificateThumbprint !== '' || env.CertificatePrivateKey !== '';
  if (certificate && (env.CertificateThumbprint === '' || env.CertificatePrivateKey === '')) {
    issue(env.CertificateThumbprint === '' ? 'CertificateThumbprint' : 'CertificatePrivateKey', 'is required with the other: a bot certificate needs both its thumbprint and its private key (PEM)');
  }
  switch (env.MicrosoftAppType) {
    case 'UserAssignedMSI':
      if (env.MicrosoftAppTenantId === '') issue('MicrosoftAppTenantId', 'is required when MicrosoftAppType is UserAssignedMSI: the tenant of the managed identity');
      if (env.MicrosoftAppPassword !== '' || certificate) issue('MicrosoftAppPassword', 'must not be set when MicrosoftAppType is UserAssignedMSI: the managed identity signs in without a password');
      break;
    case 'SingleTenant':
      if (env.MicrosoftAppTenantId === '') issue('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant (the default): the tenant of the Azure Bot’s app registration');
      if (env.MicrosoftAppPassword === '' && !certificate) issue('MicrosoftAppPassword', 'is required when MicrosoftAppType is SingleTenant (the default): a client secret of the bot’s app registration, or CertificateThumbprint and CertificatePrivateKey');
      break;
    case 'MultiTenant':
      if (env.MicrosoftAppPassword === '' && !certificate) issue('MicrosoftAppPassword', 'is required when MicrosoftAppType is MultiTenant: a client secret of the bot’s app registration, or CertificateThumbprint and CertificatePrivateKey');
      break;
  }
}

/** Which way the bot signs in to Graph: named, or inferred from the one credential setting present. */
function graphCredentialOf(env: RawEnv): Env['GRAPH_CREDENTIAL'] | undefined {
  if (env.GRAPH_CREDENTIAL) return env.GRAPH_CREDENTIAL;
  const secret = env.GRAPH_CLIENT_SECRET !== '';
  const certificate = env.GRAPH_CLIENT_CERTIFICATE_PATH !== '';
  if (secret === certificate) return undefined;
  return secret ? 'secret' : 'certificate';
}

function checkGraphCredential(env: RawEnv, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  switch (graphCredentialOf(env)) {
    case undefined:
      issue(
        'GRAPH_CREDENTIAL',
        env.GRAPH_CLIENT_SECRET !== ''
          ? 'is required when both GRAPH_CLIENT_SECRET and GRAPH_CLIENT_CERTIFICATE_PATH are set: secret, certificate or managed-identity'
          : 'is required: how the bot signs in to Graph, one of secret (GRAPH_CLIENT_SECRET), certificate (GRAPH_CLIENT_CERTIFICATE_PATH, a PEM with the certificate and its private key) or managed-identity (AZURE_CLIENT_ID, the managed identity as a federated credential of the app registration)',
      );
      return;
    case 'secret':
      if (env.GRAPH_CLIENT_SECRET === '') issue('GRAPH_CLIENT_SECRET', 'is required when GRAPH_CREDENTIAL is secret: a client secret of the app registration');
      return;
    case 'certificate': {
      if (env.GRAPH_CLIENT_CERTIFICATE_PATH === '') {
        issue('GRAPH_CLIENT_CERTIFICATE_PATH', 'is required when GRAPH_CREDENTIAL is certificate: a PEM file with the certificate and its private key');
        return;
      }
      const problem = pemProblem(env.GRAPH_CLIENT_CERTIFICATE_PATH);
      if (problem) issue('GRAPH_CLIENT_CERTIFICATE_PATH', problem);
      return;
    }
    case 'managed-identity':
      if (env.AZURE_CLIENT_ID === '') {
        issue('AZURE_CLIENT_ID', 'is required when GRAPH_CREDENTIAL is managed-identity: the client id of the user-assigned managed identity that is a federated credential of the app registration');
      }
      return;
  }
}

/** Read at start so a wrong path or file is named now, not at the first invitation. */
function pemProblem(path: string): string | undefined {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): ${path}`;
  }
  const missing = [/-----BEGIN CERTIFICATE-----/.test(pem) ? '' : 'certificate', /-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem) ? '' : 'private key'].filter(Boolean);
  return missing.length > 0 ? `${path} must hold the certificate and its private key (PEM); it has no ${missing.join(' and no ')}` : undefined;
}

function checkStorage(env: RawEnv, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const endpoints = [env.AZURE_STORAGE_TABLE_URL, env.AZURE_STORAGE_QUEUE_URL].filter((url) => url !== undefined).length;
  if (env.AZURE_STORAGE_CONNECTION_STRING !== '' && endpoints > 0) {
    issue('AZURE_STORAGE_CONNECTION_STRING', 'and AZURE_STORAGE_TABLE_URL / AZURE_STORAGE_QUEUE_URL are two ways to reach storage: set only one (the endpoints sign in with the managed identity)');
  } else if (env.AZURE_STORAGE_CONNECTION_STRING === '' && endpoints === 0) {
    issue(
      'AZURE_STORAGE_CONNECTION_STRING',
      'is required, or AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_QUEUE_URL: the storage account’s endpoints, reached with the managed identity (AZURE_CLIENT_ID) or az login',
    );
  } else if (endpoints === 1) {
    issue(env.AZURE_STORAGE_TABLE_URL === undefined ? 'AZURE_STORAGE_TABLE_URL' : 'AZURE_STORAGE_QUEUE_URL', 'is required with the other storage endpoint: the account’s table and queue endpoints go together');
  }
}

export interface Config {
  readonly port: number;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appTenantId: string;
    readonly appType: Env['MicrosoftAppType'];
    readonly certificate?: { readonly thumbprint: string; readonly privateKey: string };
    /** off only without an app id, asked for by name: the bot then listens on loopback only. */
    readonly authentication: 'on' | 'off';
  };
  readonly graph: GraphSettings;
  readonly storage: StorageSettings;
  /** How long a stopping bot may take to finish or hand back its work before it is forced out. */
  readonly shutdownGraceSeconds: number;
  readonly invitations: {
    /** Where a guest lands after redeeming; tenant-specific by default, as Microsoft advises. */
    readonly redirectUrl: string;
    /** The redirect choices the invite form offers; the first is the default. */
    readonly redirectChoices: readonly { readonly title?: string; readonly url: string }[];
    /** Who emails the invitation: Microsoft, the bot's own mailbox, or nobody (the inviter passes the link on). */
    readonly delivery: Env['INVITATION_DELIVERY'];
    /** The mailbox the bot sends from in mailbox delivery. */
    readonly mailbox: string;
    readonly domainRules: DomainRules;
    /** How long the tenant's redemption configuration (passcodes, federation, cross-tenant access) is cached. */
    readonly tenantConfigTtlMinutes: number;
    /** The longest paste (a message or the form's list) read; a longer one is answered in chat (MAX_PASTE_CHARACTERS). */
    readonly maxPasteCharacters: number;
  };
  readonly sending: {
    /** Graph's /invitations budget per tenant (150 requests per 5 s, shared by every app). */
    readonly rateLimit: { readonly requests: number; readonly windowSeconds: number };
    /**
     * shared: every instance draws from one schedule in storage (the budget holds however many instances run);
     * instance: each instance paces alone, N instances ask for N times the budget (one instance, or measurements).
     */
    readonly pacing: 'shared' | 'instance';
    /** Invitations per UTC day for the tenant; 0 = no daily limit. */
    readonly dailyLimit: number;
    /** Queue messages one instance works on at once. */
    readonly concurrency: number;
    /** How long a taken queue message stays hidden from other instances (renewed while worked on). */
    readonly leaseSeconds: number;
    /** A Graph request slower than this is abandoned (and treated as possibly processed). */
    readonly requestTimeoutSeconds: number;
    /** Waits between directory lookups before sending again after an uncertain failure (replication lag). */
    readonly recheckSeconds: readonly number[];
  };
  readonly tracking: {
    /** How often the tracker asks Graph what changed (users delta). */
    readonly pollSeconds: number;
    /** Where Graph can reach /api/notifications; empty = no subscription, delta polling alone. */
    readonly publicBaseUrl: string;
    /** The secret notifications must carry; generated per process when not set. */
    readonly clientState: string;
    /** Days without acceptance before the inviter gets a reminder with Resend; 0 = never. */
    readonly reminderAfterDays: number;
    /** What a guest added to the group chat they were invited from sees of its earlier messages. */
    readonly groupChatHistory: 'none' | 'all';
  };
  /** Lifecycle rules for the guests this bot invited (each off unless its days are set), and how often a round runs. */
  readonly lifecycle: LifecycleSettings & { readonly roundMinutes: number };
  /** What the bot's own web pages (/guest-help, /privacy, /terms) say about who runs it; empty = said generically. */
  readonly pages: {
    readonly organisation: string;
    readonly contact: string;
  };
  readonly admin: {
    /** Only members of these groups (and administrators) may invite through the bot; empty = the tenant's rule alone. */
    readonly inviterGroupIds: readonly string[];
    /** Members of these groups administer the bot, besides Global and User Administrators. */
    readonly adminGroupIds: readonly string[];
    readonly approvals: ApprovalRules;
    /** Single notices to the channel, or one digest a day at `digestHour` in `timeZone`. */
    readonly digest: boolean;
    readonly digestHour: number;
    /** The notification channel's time zone (IANA): the digest's hour, and dates on what is posted there. */
    readonly timeZone: string;
    /** The notification channel's language (BCP 47, e.g. "de-DE"): approval requests, notices and the digest speak it. */
    readonly locale: string;
    /** Signs audit export links; generated per process when not set (links then work on that instance only). */
    readonly exportLinkSecret: string;
  };
  readonly logLevel: Env['LOG_LEVEL'];
}

export type GraphSettings = GraphConnection;

/** A connection string (Azurite, local), or the account's endpoints reached with a managed identity or az login. */
export type StorageSettings =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | { readonly kind: 'endpoints'; readonly tableUrl: string; readonly queueUrl: string; readonly managedIdentityClientId?: string };

export const SETTING_NAMES = Object.keys(schema.shape ?? {}) as readonly string[];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * For a program's start: the configuration, or undefined after telling stderr what is wrong (the caller
 * exits 78, EX_CONFIG).
 */
export function loadConfigOrExplain(env: Readonly<Record<string, string | undefined>>): Config | undefined {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Guest Invites cannot start. ${error.message}\nSee .env.sample for every setting and its default.\n`);
    return undefined;
  }
}

/** Parses the environment; throws ConfigError naming every missing or malformed setting. */
/** Settings that were renamed: naming the new one beats silently ignoring the old. */
const RETIRED_SETTINGS: Record<string, string> = {
  SEND_INVITATION_EMAIL: 'SEND_INVITATION_EMAIL was replaced by INVITATION_DELIVERY (microsoft = true, link = false, or mailbox)',
};

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const retired = Object.keys(env).filter((name) => name in RETIRED_SETTINGS && env[name] !== undefined);
  if (retired.length > 0) throw new ConfigError(retired.map((name) => RETIRED_SETTINGS[name] ?? name));
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`);
    throw new ConfigError([...problems, ...misspeltSettings(env)]);
  }
  const e = result.data;
  const redirectUrl = e.INVITE_REDIRECT_URL ?? `https://myapps.microsoft.com/?tenantid=${encodeURIComponent(e.GRAPH_TENANT_ID)}`;
  return Object.freeze({
    port: e.PORT,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appTenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      ...(e.CertificateThumbprint ? { certificate: { thumbprint: e.CertificateThumbprint, privateKey: e.CertificatePrivateKey } } : {}),
      authentication: e.MicrosoftAppId === '' ? ('off' as const) : ('on' as const),
    },
    graph: {
      baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''),
      authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/+$/, ''),
      tenantId: e.GRAPH_TENANT_ID,
      clientId: e.GRAPH_CLIENT_ID,
      credential: graphCredentialSetting(e),
    },
    storage: storageSettings(e),
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    invitations: {
      redirectUrl,
      redirectChoices: e.INVITE_REDIRECT_CHOICES.length > 0 ? e.INVITE_REDIRECT_CHOICES : defaultRedirectChoices(redirectUrl, e.GRAPH_TENANT_ID),
      delivery: e.INVITATION_DELIVERY,
      mailbox: e.INVITATION_MAILBOX,
      domainRules: {
        allowed: e.INVITE_ALLOWED_DOMAINS,
        blocked: e.INVITE_BLOCKED_DOMAINS,
        outsideAllowed: e.APPROVAL_OUTSIDE_ALLOWED_DOMAINS === 'true' ? ('approve' as const) : ('refuse' as const),
      },
      tenantConfigTtlMinutes: e.TENANT_CONFIG_TTL_MINUTES,
      maxPasteCharacters: e.MAX_PASTE_CHARACTERS,
    },
    sending: {
      rateLimit: e.INVITE_RATE_LIMIT,
      pacing: e.INVITE_PACING,
      dailyLimit: e.INVITE_DAILY_LIMIT,
      concurrency: e.SEND_CONCURRENCY,
      leaseSeconds: e.QUEUE_LEASE_SECONDS,
      requestTimeoutSeconds: e.GRAPH_REQUEST_TIMEOUT_SECONDS,
      recheckSeconds: e.DIRECTORY_RECHECK_SECONDS,
    },
    tracking: {
      pollSeconds: e.TRACKING_POLL_SECONDS,
      reminderAfterDays: e.REMINDER_AFTER_DAYS,
      groupChatHistory: e.GROUP_CHAT_HISTORY,
      publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      clientState: e.NOTIFICATION_CLIENT_STATE || randomBytes(24).toString('base64url'),
    },
    lifecycle: {
      ...(e.LIFECYCLE_REDEMPTION_DAYS > 0 ? { redemption: { afterDays: e.LIFECYCLE_REDEMPTION_DAYS, graceDays: e.LIFECYCLE_REDEMPTION_GRACE_DAYS } } : {}),
      ...(e.LIFECYCLE_REVIEW_DAYS > 0 ? { review: { everyDays: e.LIFECYCLE_REVIEW_DAYS } } : {}),
      ...(e.LIFECYCLE_INACTIVE_DAYS > 0 ? { inactivity: { afterDays: e.LIFECYCLE_INACTIVE_DAYS } } : {}),
      answerDays: e.LIFECYCLE_ANSWER_DAYS,
      removalGraceDays: e.LIFECYCLE_REMOVAL_GRACE_DAYS,
      unanswered: e.LIFECYCLE_UNANSWERED,
      dryRun: e.LIFECYCLE_DRY_RUN === 'true',
      roundMinutes: e.LIFECYCLE_ROUND_MINUTES,
    },
    pages: { organisation: e.ORGANISATION_NAME, contact: e.PRIVACY_CONTACT },
    admin: {
      inviterGroupIds: e.INVITER_GROUP_IDS,
      adminGroupIds: e.ADMIN_GROUP_IDS,
      approvals: {
        batchSizeAbove: e.APPROVAL_BATCH_SIZE,
        dailyPerRequesterAbove: e.APPROVAL_DAILY_PER_INVITER,
        outsideAllowedDomains: e.APPROVAL_OUTSIDE_ALLOWED_DOMAINS === 'true' ? ('approve' as const) : ('refuse' as const),
      },
      digest: e.NOTIFY_DIGEST === 'daily',
      digestHour: e.NOTIFY_DIGEST_HOUR,
      timeZone: e.ADMIN_TIME_ZONE,
      locale: e.ADMIN_LOCALE,
      exportLinkSecret: e.EXPORT_LINK_SECRET || randomBytes(32).toString('base64url'),
    },
    logLevel: e.LOG_LEVEL,
  });
}

function graphCredentialSetting(e: Env): GraphCredentialSetting {
  switch (graphCredentialOf(e)) {
    case 'certificate':
      return { kind: 'certificate', certificatePath: e.GRAPH_CLIENT_CERTIFICATE_PATH };
    case 'managed-identity':
      return { kind: 'managed-identity', managedIdentityClientId: e.AZURE_CLIENT_ID };
    default:
      return { kind: 'secret', secret: e.GRAPH_CLIENT_SECRET };
  }
}

function storageSettings(e: Env): StorageSettings {
  if (e.AZURE_STORAGE_CONNECTION_STRING !== '') return { kind: 'connection-string', connectionString: e.AZURE_STORAGE_CONNECTION_STRING };
  return {
    kind: 'endpoints',
    tableUrl: e.AZURE_STORAGE_TABLE_URL ?? '',
    queueUrl: e.AZURE_STORAGE_QUEUE_URL ?? '',
    ...(e.AZURE_CLIENT_ID ? { managedIdentityClientId: e.AZURE_CLIENT_ID } : {}),
  };
}

function defaultRedirectChoices(redirectUrl: string, tenantId: string) {
  const teams = `https://teams.microsoft.com/?tenantId=${encodeURIComponent(tenantId)}`;
  return [
    { url: redirectUrl },
    ...(redirectUrl === teams ? [] : [{ url: teams }]),
  ];
}

/** Environment names one typo away from a setting we know, e.g. GRAPH_CLIENTID: likely meant, silently ignored otherwise. */
export function misspeltSettings(env: Readonly<Record<string, string | undefined>>): string[] {
  const known = new Set(SETTING_NAMES);
  const hints: string[] = [];
  for (const name of Object.keys(env)) {
    if (known.has(name)) continue;
    const closest = SETTING_NAMES.find((setting) => editDistance(name.toUpperCase(), setting.toUpperCase()) <= 2);
    if (closest) hints.push(`${name} is not a setting: did you mean ${closest}?`);
  }
  return hints;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
