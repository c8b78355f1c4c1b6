/**
 * The Azure deployment as written (infra/*.bicep, the Agents Toolkit project files, env/ samples), read
 * without Azure or a Bicep compiler (neither is reachable here; `az bicep build` and `what-if` run where they
 * are, see infra/README.md): the resources the bot needs, each wired to the managed identity, every setting the
 * bot reads, and no key or secret anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { QUEUE_NAMES } from '../../src/storage/queue-work.js';
import { TABLE_NAMES } from '../../src/storage/tables.js';
import { parseBicep, textAt, valueAt, type BicepDeclaration, type BicepValue } from '../support/bicep.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const main = parseBicep(read('infra/azure.bicep'));
const botRegistration = parseBicep(read('infra/botRegistration/azurebot.bicep'));

function resourcesOfType(declarations: BicepDeclaration[], type: string): BicepDeclaration[] {
  return declarations.filter((d) => d.keyword === 'resource' && d.type.split('@')[0] === type);
}

function theResource(declarations: BicepDeclaration[], type: string): BicepDeclaration {
  const found = resourcesOfType(declarations, type);
  expect(found.map((d) => d.name), type).toHaveLength(1);
  return found[0]!;
}

function declared(declarations: BicepDeclaration[], keyword: BicepDeclaration['keyword'], name: string): BicepDeclaration {
  const found = declarations.find((d) => d.keyword === keyword && d.name === name);
  if (!found) throw new Error(`no ${keyword} ${name}`);
  return found;
}

/** The string items of an array var (table names, role ids). */
function stringItems(value: BicepValue | undefined): string[] {
  if (value?.kind !== 'array') throw new Error('expected an array');
  return value.items.map((item) => (item.kind === 'string' ? item.text : `<${item.kind}>`));
}

/** A for-loop resource's items: the array var it loops over. */
function loopItems(resource: BicepDeclaration): string[] {
  const value = resource.value;
  if (value?.kind !== 'for') throw new Error(`${resource.name} is not a loop`);
  return stringItems(declared(main, 'var', value.source).value);
}

const identity = theResource(main, 'Microsoft.ManagedIdentity/userAssignedIdentities');
const storage = theResource(main, 'Microsoft.Storage/storageAccounts');
const web = theResource(main, 'Microsoft.Web/sites');

function appSettings(): Map<string, BicepValue> {
  const settings = valueAt(web.value, 'properties.siteConfig.appSettings');
  if (settings?.kind !== 'array') throw new Error('the web app has no appSettings array');
  return new Map(settings.items.map((item) => [textAt(item, 'name') ?? '', valueAt(item, 'value')!]));
}

describe('infra/azure.bicep', () => {
  it('has a user-assigned managed identity', () => {
    expect(identity.value?.kind).toBe('object');
  });

  it('has a storage account that takes Entra sign-in only, TLS 1.2 and https', () => {
    expect(textAt(storage.value, 'properties.allowSharedKeyAccess')).toBe('false');
    expect(textAt(storage.value, 'properties.minimumTlsVersion')).toBe('TLS1_2');
    expect(textAt(storage.value, 'properties.supportsHttpsTrafficOnly')).toBe('true');
    expect(textAt(storage.value, 'properties.allowBlobPublicAccess')).toBe('false');
  });

  it('creates exactly the tables and queues the bot uses', () => {
    const tables = theResource(main, 'Microsoft.Storage/storageAccounts/tableServices/tables');
    const queues = theResource(main, 'Microsoft.Storage/storageAccounts/queueServices/queues');
    expect(loopItems(tables).sort()).toEqual(Object.values(TABLE_NAMES).sort());
    expect(loopItems(queues).sort()).toEqual(Object.values(QUEUE_NAMES).sort());
    const tableService = theResource(main, 'Microsoft.Storage/storageAccounts/tableServices');
    const queueService = theResource(main, 'Microsoft.Storage/storageAccounts/queueServices');
    expect(textAt(tables.value, 'parent')).toBe(tableService.name);
    expect(textAt(queues.value, 'parent')).toBe(queueService.name);
    expect(textAt(tableService.value, 'parent')).toBe(storage.name);
    expect(textAt(queueService.value, 'parent')).toBe(storage.name);
  });

  it('gives the identity exactly the Table and Queue Data Contributor roles, on the storage account', () => {
    const roles = theResource(main, 'Microsoft.Authorization/roleAssignments');
    expect(loopItems(roles).sort()).toEqual(['0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', '974c5e8b-45b9-4653-ba55-5f855dd0fb88']);
    const loopVariable = roles.value?.kind === 'for' ? roles.value.variable : '';
    expect(textAt(roles.value, 'scope')).toBe(storage.name);
    expect(textAt(roles.value, 'properties.principalId')).toBe(`${identity.name}.properties.principalId`);
    expect(textAt(roles.value, 'properties.principalType')).toBe('ServicePrincipal');
    expect(textAt(roles.value, 'properties.roleDefinitionId')).toBe(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions',${loopVariable})`);
    // Deterministic names: provisioning again updates the same assignments instead of failing on duplicates.
    expect(textAt(roles.value, 'name')).toBe(`guid(${storage.name}.id,${identity.name}.id,${loopVariable})`);
  });

  it('runs the compiled bot on Linux App Service, Node 22 LTS, as the identity, health-checked on /healthz', () => {
    const plan = theResource(main, 'Microsoft.Web/serverfarms');
    expect(textAt(plan.value, 'kind')).toBe('linux');
    expect(textAt(plan.value, 'properties.reserved')).toBe('true');
    expect(textAt(plan.value, 'sku.name')).toBe('appServiceSku');
    expect(textAt(plan.value, 'sku.capacity')).toBe('instanceCount');
    expect(declared(main, 'param', 'appServiceSku').value).toEqual({ kind: 'string', text: 'B1' });
    expect(declared(main, 'param', 'instanceCount').value).toEqual({ kind: 'expr', text: '1' });

    expect(textAt(web.value, 'properties.serverFarmId')).toBe(`${plan.name}.id`);
    expect(textAt(web.value, 'identity.type')).toBe('UserAssigned');
    const attached = valueAt(web.value, 'identity.userAssignedIdentities');
    expect(attached?.kind === 'object' ? [...attached.props.keys()] : []).toEqual([`\${${identity.name}.id}`]);
    expect(textAt(web.value, 'properties.httpsOnly')).toBe('true');
    expect(textAt(web.value, 'properties.siteConfig.linuxFxVersion')).toBe('NODE|22-lts');
    expect(textAt(web.value, 'properties.siteConfig.healthCheckPath')).toBe('/healthz');
    expect(textAt(web.value, 'properties.siteConfig.alwaysOn')).toBe('true');
    expect(textAt(web.value, 'properties.siteConfig.ftpsState')).toBe('Disabled');
    // The start command is the one `npm run serve` runs, on the release `npm run stage` makes.
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(textAt(web.value, 'properties.siteConfig.appCommandLine')).toBe(pkg.scripts.serve);
  });

  it('turns off basic-authentication publishing (SCM and FTP)', () => {
    const policies = resourcesOfType(main, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(policies.map((p) => textAt(p.value, 'name')).sort()).toEqual(['ftp', 'scm']);
    for (const policy of policies) {
      expect(textAt(policy.value, 'parent')).toBe(web.name);
      expect(textAt(policy.value, 'properties.allow')).toBe('false');
    }
  });

  it('gives the bot every setting it reads, the identities from the managed identity', () => {
    const settings = appSettings();
    const text = (name: string) => {
      const value = settings.get(name);
      return value?.kind === 'string' || value?.kind === 'expr' ? value.text : undefined;
    };
    expect(text('MicrosoftAppType')).toBe('UserAssignedMSI');
    expect(text('MicrosoftAppId')).toBe(`${identity.name}.properties.clientId`);
    expect(text('MicrosoftAppTenantId')).toBe(`${identity.name}.properties.tenantId`);
    expect(text('AZURE_CLIENT_ID')).toBe(`${identity.name}.properties.clientId`);
    expect(text('GRAPH_CREDENTIAL')).toBe('managed-identity');
    expect(text('GRAPH_CLIENT_ID')).toBe('graphClientId');
    expect(text('GRAPH_TENANT_ID')).toBe('effectiveGraphTenantId');
    expect(text('AZURE_STORAGE_TABLE_URL')).toBe(`${storage.name}.properties.primaryEndpoints.table`);
    expect(text('AZURE_STORAGE_QUEUE_URL')).toBe(`${storage.name}.properties.primaryEndpoints.queue`);
    expect(text('PUBLIC_BASE_URL')).toMatch(/^https:\/\//);
    expect(text('NOTIFICATION_CLIENT_STATE')).toBe('notificationClientState');
    expect(text('EXPORT_LINK_SECRET')).toBe('exportLinkSecret');
    expect(text('NODE_ENV')).toBe('production');
  });

  it('generates the shared secrets as secure parameters, never as literals', () => {
    for (const name of ['notificationClientState', 'exportLinkSecret']) {
      const param = declared(main, 'param', name);
      expect(param.decorators).toContain('secure()');
      expect(param.value?.kind === 'string' || param.value?.kind === 'expr' ? param.value.text : '').toMatch(/newGuid\(\)/);
    }
    expect(declared(main, 'param', 'exportLinkSecret').decorators).toContain('minLength(32)');
  });

  it('registers the Azure Bot through the module, with the identity and the web app\'s endpoint', () => {
    const module = main.find((d) => d.keyword === 'module');
    expect(module?.type).toBe('./botRegistration/azurebot.bicep');
    expect(textAt(module!.value, 'params.identityClientId')).toBe(`${identity.name}.properties.clientId`);
    expect(textAt(module!.value, 'params.identityResourceId')).toBe(`${identity.name}.id`);
    expect(textAt(module!.value, 'params.identityTenantId')).toBe(`${identity.name}.properties.tenantId`);
    expect(textAt(module!.value, 'params.botAppDomain')).toBe(`${web.name}.properties.defaultHostName`);
    // Every parameter the module declares without a default is given.
    const required = botRegistration.filter((d) => d.keyword === 'param' && !d.value).map((d) => d.name);
    const given = valueAt(module!.value, 'params');
    expect(given?.kind === 'object' ? [...given.props.keys()].sort() : []).toEqual(expect.arrayContaining(required));
  });

  it('writes the ids the Agents Toolkit needs to the environment', () => {
    const outputs = main.filter((d) => d.keyword === 'output');
    expect(outputs.map((o) => o.name)).toEqual(expect.arrayContaining(['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_ID', 'BOT_DOMAIN', 'MANAGED_IDENTITY_PRINCIPAL_ID']));
    expect(textAt({ kind: 'object', props: new Map(outputs.map((o) => [o.name, o.value!])) }, 'BOT_ID')).toBe(`${identity.name}.properties.clientId`);
  });
});

describe('infra/botRegistration/azurebot.bicep', () => {
  const bot = theResource(botRegistration, 'Microsoft.BotService/botServices');

  it('is an Azure Bot signed in as the user-assigned managed identity', () => {
    expect(textAt(bot.value, 'kind')).toBe('azurebot');
    expect(textAt(bot.value, 'location')).toBe('global');
    expect(textAt(bot.value, 'properties.msaAppType')).toBe('UserAssignedMSI');
    expect(textAt(bot.value, 'properties.msaAppId')).toBe('identityClientId');
    expect(textAt(bot.value, 'properties.msaAppTenantId')).toBe('identityTenantId');
    expect(textAt(bot.value, 'properties.msaAppMSIResourceId')).toBe('identityResourceId');
    expect(textAt(bot.value, 'properties.endpoint')).toBe('https://${botAppDomain}/api/messages');
  });

  it('has the Microsoft Teams channel', () => {
    const channel = theResource(botRegistration, 'Microsoft.BotService/botServices/channels');
    expect(textAt(channel.value, 'parent')).toBe(bot.name);
    expect(textAt(channel.value, 'name')).toBe('MsTeamsChannel');
    expect(textAt(channel.value, 'properties.channelName')).toBe('MsTeamsChannel');
  });
});

/** `${{NAME}}` placeholders the Agents Toolkit fills from env/.env.<env> (and .user files for SECRET_*). */
const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);

function envFile(path: string): Map<string, string> {
  return new Map(
    read(path)
      .split('\n')
      .filter((line) => line.trim() && !line.trim().startsWith('#'))
      .map((line) => {
        const at = line.indexOf('=');
        if (at < 1) throw new Error(`${path}: "${line}" is not NAME=value`);
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()] as const;
      }),
  );
}

describe('infra/azure.parameters.json', () => {
  const text = read('infra/azure.parameters.json');
  const parameters = (JSON.parse(text) as { parameters: Record<string, unknown> }).parameters;

  it('sets how many instances run (1 to 10), and nothing lets them pace alone: they share one invitation budget', () => {
    expect(parameters.instanceCount).toEqual({ value: expect.any(Number) });
    const count = (parameters.instanceCount as { value: number }).value;
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(10);
    expect(declared(main, 'param', 'instanceCount').decorators).toEqual(expect.arrayContaining(['minValue(1)', 'maxValue(10)']));
    // INVITE_PACING=instance would let N instances ask Graph for N times the tenant's budget.
    expect([...appSettings().keys()]).not.toContain('INVITE_PACING');
  });

  it('gives only parameters the template declares, and every one it requires', () => {
    const params = main.filter((d) => d.keyword === 'param');
    for (const name of Object.keys(parameters)) expect(params.map((p) => p.name)).toContain(name);
    for (const param of params.filter((p) => !p.value)) expect(Object.keys(parameters)).toContain(param.name);
  });

  it('takes its placeholders from env/.env.dev', () => {
    const dev = envFile('env/.env.dev');
    for (const name of placeholders(text)) expect([...dev.keys()], name).toContain(name);
  });
});

const lifecycle = (file: string) => parseYaml(read(file)) as Record<string, { uses: string; with?: Record<string, unknown>; env?: Record<string, string> }[] | string>;
const actions = (doc: ReturnType<typeof lifecycle>, stage: string) => {
  const steps = doc[stage];
  return Array.isArray(steps) ? steps : [];
};

describe('Agents Toolkit project', () => {
  const files = ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml'];

  it.each(files)('%s is YAML of a schema version the toolkit knows, using only its actions', (file) => {
    const doc = lifecycle(file);
    expect(doc.version).toMatch(/^v1\.\d+$/);
    expect(doc.environmentFolderPath).toBe('./env');
    const known = new Set([
      'teamsApp/create', 'teamsApp/validateManifest', 'teamsApp/validateAppPackage', 'teamsApp/zipAppPackage', 'teamsApp/update',
      'teamsApp/publishAppPackage', 'arm/deploy', 'aadApp/create', 'botFramework/create', 'cli/runNpmCommand',
      'azureAppService/zipDeploy', 'file/createOrUpdateEnvironmentFile', 'devTool/install', 'script',
    ]);
    for (const stage of ['provision', 'deploy', 'publish']) for (const step of actions(doc, stage)) expect(known).toContain(step.uses);
  });

  it('m365agents.yml provisions, deploys the staged release to App Service and publishes', () => {
    const doc = lifecycle('m365agents.yml');
    expect(actions(doc, 'provision').map((s) => s.uses)).toEqual(['teamsApp/create', 'arm/deploy', 'teamsApp/validateManifest', 'cli/runNpmCommand', 'teamsApp/validateAppPackage', 'teamsApp/update']);
    const arm = actions(doc, 'provision').find((s) => s.uses === 'arm/deploy')!;
    const [template] = arm.with!.templates as { path: string; parameters: string }[];
    expect(template).toMatchObject({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' });
    expect(existsSync(join(ROOT, template!.path)) && existsSync(join(ROOT, template!.parameters))).toBe(true);
    expect(arm.with).not.toHaveProperty('bicepCliVersion');

    const deploy = actions(doc, 'deploy');
    expect(deploy.map((s) => s.uses)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(deploy[1]!.with!.args).toBe('run stage -- .deploy');
    expect(deploy[2]!.with).toEqual({ artifactFolder: '.deploy', resourceId: '${{AZURE_APP_SERVICE_RESOURCE_ID}}' });
    expect(actions(doc, 'publish').map((s) => s.uses)).toContain('teamsApp/publishAppPackage');
  });

  it('packages the app the one way the project does, with the created ids', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const doc = lifecycle(file);
      const packaging = actions(doc, 'provision').find((s) => s.uses === 'cli/runNpmCommand' && s.with?.args === 'run package');
      expect(packaging?.env).toEqual({
        MicrosoftAppId: '${{BOT_ID}}',
        TEAMS_APP_ID: '${{TEAMS_APP_ID}}',
        PUBLIC_BASE_URL: file === 'm365agents.yml' ? 'https://${{BOT_DOMAIN}}' : '${{BOT_ENDPOINT}}',
      });
      for (const step of actions(doc, 'provision').filter((s) => String(s.uses).startsWith('teamsApp/') && s.with?.appPackagePath)) {
        expect(step.with!.appPackagePath).toBe('./dist/guest-invites.zip');
      }
    }
  });

  it('m365agents.local.yml registers a single-tenant bot and takes its secrets from SECRET_* only', () => {
    const doc = lifecycle('m365agents.local.yml');
    const app = actions(doc, 'provision').find((s) => s.uses === 'aadApp/create')!;
    expect(app.with).toMatchObject({ signInAudience: 'AzureADMyOrg', generateServicePrincipal: true });
    const localConfig = actions(doc, 'deploy').find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!;
    const envs = localConfig.with!.envs as Record<string, string>;
    expect(envs.MicrosoftAppType).toBe('SingleTenant');
    for (const [name, value] of Object.entries(envs)) {
      if (/SECRET|PASSWORD/i.test(name)) expect(value, name).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
    }
  });

  it.each([
    ['m365agents.yml', 'env/.env.dev'],
    ['m365agents.local.yml', 'env/.env.local'],
  ])('%s uses only variables %s declares (secrets from the git-ignored .user file)', (file, env) => {
    const names = [...envFile(env).keys()];
    for (const name of placeholders(read(file))) {
      if (!name.startsWith('SECRET_')) expect(names, `${file} uses ${name}`).toContain(name);
    }
  });
});

/** Every committed deployment file: templates, parameters, Agents Toolkit files, env samples, the Dockerfile. */
function deploymentFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = join(dir, name);
      return statSync(join(ROOT, path)).isDirectory() ? walk(path) : [path];
    });
  const envSamples = walk('env').filter((path) => !path.endsWith('.user'));
  return [...walk('infra'), ...envSamples, 'm365agents.yml', 'm365agents.playground.yml', 'Dockerfile'];
}

describe('no keys and no secrets', () => {
  const FORBIDDEN: [RegExp, string][] = [
    [/listKeys|listAccountSas|listServiceSas|listCredentials|listSecrets|publishingCredentials\b/i, 'a key or credential read out of Azure'],
    [/AccountKey\s*=|SharedAccessSignature|sig=[A-Za-z0-9%]/, 'a storage key or SAS'],
    [/MicrosoftAppPassword|GRAPH_CLIENT_SECRET|AZURE_CLIENT_SECRET|clientSecret|client_secret/i, 'a client secret'],
    [/CONNECTION_STRING|connectionString/i, 'a connection string'],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  ];

  it('lists the files it reads', () => {
    expect(deploymentFiles()).toEqual(expect.arrayContaining(['infra/azure.bicep', 'infra/botRegistration/azurebot.bicep', 'infra/azure.parameters.json', 'env/.env.dev', 'env/.env.local', 'env/.env.playground']));
  });

  it.each(deploymentFiles().map((file) => [file]))('%s holds no key, no secret, no connection string', (file) => {
    const text = read(file);
    for (const [pattern, what] of FORBIDDEN) expect(pattern.test(text), `${file} contains ${what}`).toBe(false);
  });

  it('the committed env files hold no SECRET_ values; those go to git-ignored .user files', () => {
    for (const file of deploymentFiles().filter((path) => path.startsWith('env/'))) {
      for (const [name, value] of envFile(file)) {
        expect(name.startsWith('SECRET_') || /KEY|PASSWORD|TOKEN/i.test(name), `${file}: ${name}`).toBe(false);
        expect(value, `${file}: ${name}`).not.toMatch(/^[A-Za-z0-9~._-]{30,}$/);
      }
    }
    const ignored = read('.gitignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['env/.env.*.user', '.localConfigs', '.deploy/']));
  });

  it('the checks have teeth', () => {
    const leaky = "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = { name: 'x' }\noutput cs string = 'DefaultEndpointsProtocol=https;AccountKey=${st.listKeys().keys[0].value}'\n";
    expect(FORBIDDEN.some(([pattern]) => pattern.test(leaky))).toBe(true);
    expect(parseBicep(leaky).map((d) => d.keyword)).toEqual(['resource', 'output']);
    expect(() => parseBicep("resource x 'T@1' = {\n  a: 'unterminated\n}")).toThrow(/unterminated/);
  });
});
