// Guest Invites in Azure, with no key and no client secret anywhere:
// a user-assigned managed identity signs the bot in to the Bot Framework (Azure Bot, UserAssignedMSI),
// to Azure Storage (RBAC data roles; shared keys are disabled on the account) and to Microsoft Graph (as a
// federated credential of the Graph app registration, see infra/README.md).
// App Service (Linux, Node 22 LTS) runs the release `npm run stage` builds (dist/, cards/, production
// node_modules), zip-deployed by the Agents Toolkit (m365agents.yml).

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name: letters and digits.')
param resourceBaseName string

@maxLength(42)
@description('The bot\'s name in Teams.')
param botDisplayName string = 'Guest Invites'

param location string = resourceGroup().location

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
@description('App Service plan size. B1 is the smallest with Always On, which the sending worker needs.')
param appServiceSku string = 'B1'

@minValue(1)
@maxValue(10)
// Every instance draws from the tenant's one /invitations budget (150 requests per 5 s, shared through the
// `quotas` table), so more instances answer chats and survive a restart, but do not send invitations faster:
// one instance already sends at the budget's pace. Queue-length autoscaling would add cost, not speed.
@description('Instances of the bot; they share the queue, the tables and one invitation budget. Basic plans go to 3, Standard to 10.')
param instanceCount int = 1

@description('The directory (tenant) guests are invited into; empty means the deployment\'s own tenant.')
param graphTenantId string = ''

@minLength(36)
@description('Application (client) id of the Graph app registration; the managed identity is its federated credential.')
param graphClientId string

@secure()
@minLength(16)
@maxLength(128)
@description('Shared by every instance: checks that Graph change notifications come from our subscriptions. Generated on each provision unless set.')
param notificationClientState string = newGuid()

@secure()
@minLength(32)
@description('Shared by every instance: signs audit export links. Generated on each provision unless set.')
param exportLinkSecret string = '${newGuid()}${newGuid()}'

var effectiveGraphTenantId = empty(graphTenantId) ? tenant().tenantId : graphTenantId

var tableNames = [
  'invitations'
  'batches'
  'batchoutcomes'
  'batchcards'
  'quotas'
  'audit'
  'tracker'
  'settings'
  'guestlifecycle'
]
var queueNames = [
  'invite-work'
  'invite-work-poison'
]
var storageRoleIds = [
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${uniqueString(resourceGroup().id, resourceBaseName)}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in storageRoleIds: {
  name: guid(storage.id, identity.id, roleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/app/main.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        // The release ships its node_modules: no build on the server, and the package runs read-only.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'GRAPH_TENANT_ID', value: effectiveGraphTenantId }
        { name: 'GRAPH_CLIENT_ID', value: graphClientId }
        { name: 'GRAPH_CREDENTIAL', value: 'managed-identity' }
        { name: 'AZURE_STORAGE_TABLE_URL', value: storage.properties.primaryEndpoints.table }
        { name: 'AZURE_STORAGE_QUEUE_URL', value: storage.properties.primaryEndpoints.queue }
        // The site's default host name (web.properties.defaultHostName cannot be read inside its own definition).
        { name: 'PUBLIC_BASE_URL', value: 'https://${resourceBaseName}.azurewebsites.net' }
        { name: 'NOTIFICATION_CLIENT_STATE', value: notificationClientState }
        { name: 'EXPORT_LINK_SECRET', value: exportLinkSecret }
      ]
    }
  }
}

// Basic authentication (publishing credentials) off: deployments sign in with Entra ID (the Agents
// Toolkit's zip deploy sends an Entra token to Kudu; `az webapp deploy` does too).
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: web
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: web
  name: 'ftp'
  properties: {
    allow: false
  }
}

module azureBot './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    botAppDomain: web.properties.defaultHostName
  }
}

// Outputs land in env/.env.<env> (the Agents Toolkit's arm/deploy).
output AZURE_APP_SERVICE_RESOURCE_ID string = web.id
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = web.properties.defaultHostName
output BOT_TENANT_ID string = identity.properties.tenantId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output AZURE_STORAGE_TABLE_URL string = storage.properties.primaryEndpoints.table
output AZURE_STORAGE_QUEUE_URL string = storage.properties.primaryEndpoints.queue
