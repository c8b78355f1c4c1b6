/** The settings `loadConfig` cannot start without, each with a harmless value: what config tests start from. */
export const REQUIRED = {
  GRAPH_TENANT_ID: 'tenant-1',
  GRAPH_CLIENT_ID: 'client-1',
  GRAPH_CLIENT_SECRET: 's3cret',
  AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  BOT_AUTHENTICATION: 'off',
};
