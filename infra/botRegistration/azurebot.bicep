// The Azure Bot: the Bot Framework registration Teams talks to. Its identity is the user-assigned managed
// identity (no app password), its messaging endpoint the web app, and it has the Microsoft Teams channel.

@maxLength(42)
param botDisplayName string

param resourceBaseName string
param identityResourceId string
param identityClientId string
param identityTenantId string
param botAppDomain string

@allowed([
  'F0'
  'S1'
])
@description('F0 is free; Teams is a standard channel, free on either tier.')
param botServiceSku string = 'F0'

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: resourceBaseName
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
