/**
 * The privacy and terms pages the manifest links to, served by the bot as `npm run bot` composes it: plain
 * HTML under a Content-Security-Policy that lets nothing run, saying what the bot keeps and who sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/storage/tables.js';
import { fill, PAGE_CSP, renderPage, PAGES } from '../../src/app/pages.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';

let services: LocalServices;
let bot: BotUnderTest;
let base: string;

beforeAll(async () => {
  services = await startLocalServices();
  bot = await startBotInProcess(services.env);
  base = bot.messagesEndpoint.replace(/\/api\/messages$/, '');
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await services?.close();
});

/** What a reader sees: the body's words, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('GET /privacy and /terms', () => {
  it.each(['/privacy', '/terms'])('%s answers 200 with HTML that may not run anything', async (path) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).not.toContain('script-src');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).not.toMatch(/<script|\son\w+=|\{\{/i);
  });

  it('the privacy page names every table the bot keeps, how long, who sees it, what goes to Graph and whom to ask', async () => {
    const page = text(await (await fetch(`${base}/privacy`)).text());
    for (const table of Object.values(TABLE_NAMES)) expect(page).toContain(table);
    expect(page).toContain('invite-work');
    expect(page).toContain('deletes none of these records by itself');
    for (const who of ['The person who invited', 'The guest', 'Administrators']) expect(page).toContain(who);
    expect(page).toContain('POST /invitations');
    expect(page).toContain("Ask your organisation's Microsoft 365 administrators");
  });

  it('the style sheet the policy allows is the one the page carries', async () => {
    const html = await (await fetch(`${base}/privacy`)).text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    expect(PAGE_CSP).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });
});

describe('the page renderer', () => {
  it('escapes what it fills in, and refuses a placeholder with no value', () => {
    const html = renderPage(PAGES[0]!, { organisation: 'Contoso <Ltd> & "Sons"', contact: "Write to <script>alert('x')</script>" });
    expect(html).toContain('Contoso &lt;Ltd&gt; &amp; &quot;Sons&quot;');
    expect(html).toContain('Write to &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(() => fill('<p>{{missing}}</p>', {})).toThrow(/\{\{missing\}\} has no value/);
    expect(fill('<main>{{{content}}}</main>', {}, { content: '<p>ok</p>' })).toBe('<main><p>ok</p></main>');
  });
});
