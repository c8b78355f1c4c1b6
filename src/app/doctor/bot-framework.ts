/** Check 6: Bot Framework authentication is configured (MicrosoftAppId of the Azure Bot). */
import type { Config } from '../config.js';
import { pass, warn, type CheckResult } from './result.js';

const NAME = 'Bot Framework';

export function checkBotFramework(bot: Config['bot']): CheckResult {
  if (bot.appId === '') {
    return warn(
      NAME,
      'BOT_AUTHENTICATION=off: no Bot Framework authentication, the bot listens on 127.0.0.1 only. Fine for the local Agents Playground, never for a real deployment: remove BOT_AUTHENTICATION and set MicrosoftAppId from your Azure Bot, MicrosoftAppTenantId, and MicrosoftAppPassword (SingleTenant) or MicrosoftAppType=UserAssignedMSI.',
    );
  }
  if (bot.appType === 'MultiTenant') {
    return warn(
      NAME,
      `MicrosoftAppId ${bot.appId} with MicrosoftAppType MultiTenant: right only if your Azure Bot resource is multi-tenant; for a single-tenant Azure Bot set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId.`,
    );
  }
  const tenant = bot.appType === 'SingleTenant' ? `, tenant ${bot.appTenantId}` : '';
  return pass(NAME, `MicrosoftAppId ${bot.appId} (${bot.appType}${tenant}): every request to /api/messages needs a valid Bot Framework token (not checked here)`);
}
