/**
 * Plain HTML pages the bot serves itself (privacy, terms), for the links in the Teams app manifest and for
 * anyone a card sends to a page. Each page is an HTML fragment in the package's pages/ folder, filled by one renderer: a
 * `{{name}}` placeholder takes a value HTML-escaped, and only the layout's `{{{content}}}` takes markup (the
 * page's own). No script runs: the Content-Security-Policy allows nothing but the layout's one style sheet.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type restify from 'restify';
import { packagePath } from '../cards/package-root.js';

/** What a page says about who runs the bot. */
export interface PageFacts {
  /** The organisation running the bot, as it reads in a sentence ("Contoso"). */
  readonly organisation: string;
  /** Whom to ask about the bot and its data, as a sentence. */
  readonly contact: string;
}

const DEFAULT_PAGE_FACTS: PageFacts = {
  organisation: 'your organisation',
  contact: "Ask your organisation's Microsoft 365 administrators: the people who added Guest Invites to Teams. They can also see and delete what it keeps.",
};

export interface PageDefinition {
  /** Served at GET /<name>; the fragment is pages/<name>.html. */
  readonly name: string;
  readonly title: string;
}

export const PAGES: readonly PageDefinition[] = [
  { name: 'privacy', title: 'Privacy' },
  { name: 'terms', title: 'Terms of use' },
];

const LAYOUT = readTemplate('layout');
const STYLE = /<style>([\s\S]*?)<\/style>/.exec(LAYOUT)?.[1] ?? '';

/** Nothing may load or run but the layout's own style sheet, named by its hash. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/**
 * Fills `{{name}}` placeholders with escaped values and `{{{name}}}` with markup. A placeholder without a
 * value is a mistake in a template, so it throws rather than showing braces to a reader.
 */
export function fill(template: string, text: Readonly<Record<string, string>>, markup: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{(\{?)\s*([\w-]+)\s*\}?\}\}/g, (_match, raw: string, name: string) => {
    const value = raw ? markup[name] : text[name];
    if (value === undefined) throw new Error(`Page template placeholder ${raw ? `{{{${name}}}}` : `{{${name}}}`} has no value`);
    return raw ? value : escapeHtml(value);
  });
}

/** The whole HTML document of a page. */
export function renderPage(page: PageDefinition, facts: PageFacts, lang = 'en'): string {
  const values = { organisation: facts.organisation, contact: facts.contact };
  return fill(LAYOUT, { ...values, lang, title: page.title }, { content: fill(readTemplate(page.name), values) });
}

/** GET /<name> for every page, rendered once: the facts do not change while the bot runs. */
export function mountPages(server: restify.Server, facts: PageFacts = DEFAULT_PAGE_FACTS, pages: readonly PageDefinition[] = PAGES): void {
  for (const page of pages) {
    const html = renderPage(page, facts);
    server.get(`/${page.name}`, (_req, res, next) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'public, max-age=3600',
      });
      res.end(html);
      next();
    });
  }
}

function readTemplate(name: string): string {
  return readFileSync(packagePath('pages', `${name}.html`), 'utf8');
}
