/** Check 6: Bot Framework authentication is configured (MicrosoftAppId of the Azure Bot). */
import type { Config } from '../config.js';
import { pass, warn, type CheckResult } from './result.js';

const NAME = 'Bot Framework';

export function checkBotFramework(bot: Config['bot']): CheckResult {
  if (bot.appId === '') {
    return warn(
      NAME,
      'MicrosoftAppId is empty: no Bot Framework authentication, so /api/messages accepts anyone. Fine for the local Agents Playground, never for a real deployment: set MicrosoftAppId and MicrosoftAppPassword from your Azure Bot, MicrosoftAppType=SingleTenant and MicrosoftAppTenantId.',
    );
  }
  if (bot.appType === 'MultiTenant') {
    return warn(
      NAME,
      `MicrosoftAppId ${bot.appId} with MicrosoftAppType MultiTenant (the default): right only if your Azure Bot resource is multi-tenant; for a single-tenant Azure Bot set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId.`,
    );
  }
  const tenant = bot.appType === 'SingleTenant' ? `, tenant ${bot.appTenantId}` : '';
  return pass(NAME, `MicrosoftAppId ${bot.appId} (${bot.appType}${tenant}): every request to /api/messages needs a valid Bot Framework token (not checked here)`);
}
