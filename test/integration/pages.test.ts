/**
 * The guest help page, and the privacy and terms pages the manifest links to, served by the bot as `npm run bot`
 * composes it: plain HTML in the reader's language under a Content-Security-Policy that lets nothing run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/storage/tables.js';
import { fill, PAGE_CSP, renderPage, PAGES, type PageDefinition } from '../../src/app/pages.js';
import { useBotStack } from '../support/bot-stack.js';

let base: string;
const stack = useBotStack({}, { timeout: 60_000 });

beforeAll(() => {
  base = stack.bot.messagesEndpoint.replace(/\/api\/messages$/, '');
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

describe('GET /guest-help, /privacy and /terms', () => {
  it.each(['/guest-help', '/privacy', '/terms'])('%s answers 200 with HTML that may not run anything', async (path) => {
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

describe('the guest help page', () => {
  const help = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/guest-help${query}`, { headers });
    return { language: response.headers.get('content-language'), vary: response.headers.get('vary'), html: await response.text() };
  };

  it('speaks the language a link asks for, else the browser\'s, else English', async () => {
    expect((await help('?lang=de')).language).toBe('de');
    expect((await help('?lang=fr', { 'accept-language': 'de-DE' })).language).toBe('fr');
    expect((await help('', { 'accept-language': 'es-ES, fr-CH;q=0.8, de;q=0.5' })).language).toBe('fr');
    expect((await help('', { 'accept-language': 'ja' })).language).toBe('en');
    const german = await help('?lang=de');
    expect(german.html).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(german.vary).toBe('Accept-Language');
    expect(text(german.html)).toContain('Einmalpasscode');
    expect(text((await help('?lang=fr')).html)).toContain('code secret à usage unique');
  });

  it('walks a guest through every redemption path, the common errors and whom to ask, in each language', async () => {
    for (const lang of ['en', 'de', 'fr']) {
      const { html } = await help(`?lang=${lang}`);
      for (const anchor of ['accept', 'work-account', 'federation', 'google', 'microsoft-account', 'passcode', 'create-account', 'permissions', 'teams', 'problems', 'wrong-account', 'no-code', 'contact']) {
        expect(html, `${lang} #${anchor}`).toContain(`id="${anchor}"`);
      }
      for (const code of ['AADSTS50020', 'AADSTS500212', 'AADSTS500213', 'invites@microsoft.com', 'https://microsoft.com/devicelogin']) expect(html, `${lang} ${code}`).toContain(code);
      // Every in-page link leads somewhere on the page.
      const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, `${lang} #${target}`).toContain(target);
    }
  });

  it('names the organisation when the bot is told it, and says it generically otherwise', () => {
    const page: PageDefinition = { name: 'guest-help' };
    expect(text(renderPage(page, { organisation: 'Contoso' }, 'en'))).toContain('Someone at Contoso has invited you');
    expect(text(renderPage(page, {}, 'en'))).toContain('Someone at the organisation that invited you has invited you');
    expect(text(renderPage(page, {}, 'de'))).toContain('Eine Person bei der einladenden Organisation hat Sie eingeladen');
  });

  it('every page is written in every language, with the same sections', () => {
    for (const page of PAGES) {
      const sections = (lang: 'en' | 'de' | 'fr') => [...renderPage(page, {}, lang).matchAll(/<(h[1-3]|table|li|dt)[\s>]/g)].map((m) => m[1]);
      expect(renderPage(page, {}, 'fr')).toMatch(/<html lang="fr">/);
      expect(sections('de'), `${page.name} de`).toEqual(sections('en'));
      expect(sections('fr'), `${page.name} fr`).toEqual(sections('en'));
    }
  });
});

describe('the page renderer', () => {
  it('escapes what it fills in, and refuses a placeholder with no value', () => {
    const html = renderPage(PAGES[1]!, { organisation: 'Contoso <Ltd> & "Sons"', contact: "Write to <script>alert('x')</script>" });
    expect(html).toContain('Contoso &lt;Ltd&gt; &amp; &quot;Sons&quot;');
    expect(html).toContain('Write to &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(() => fill('<p>{{missing}}</p>', {})).toThrow(/\{\{missing\}\} has no value/);
    expect(fill('<main>{{{content}}}</main>', {}, { content: '<p>ok</p>' })).toBe('<main><p>ok</p></main>');
  });
});
