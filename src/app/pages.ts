/**
 * Plain HTML pages the bot serves itself: the guest help page, privacy and terms (the links in the Teams app
 * manifest). Each page is an HTML fragment per language in the package's pages/<language>/ folder, filled by
 * one renderer: a `{{name}}` placeholder takes a value HTML-escaped, and only the layout's `{{{content}}}` takes
 * markup (the page's own). The layout's words come from the catalogue (namespace `pages`). No script runs: the
 * Content-Security-Policy allows nothing but the layout's one style sheet.
 *
 * The language is the reader's: `?lang=de` when a link chose it (the bot links in the user's language), else
 * the browser's Accept-Language, else English. A page not yet written in a language is served in English, and
 * says so in its `lang` attribute.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type restify from 'restify';
import { packagePath } from '../cards/package-root.js';
import { FALLBACK_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../i18n/languages.js';
import { translatorFor } from '../i18n/translator.js';

/** What a page says about who runs the bot; either may be missing, and the page then says it generically. */
export interface PageFacts {
  /** The organisation running the bot, as it reads in a sentence ("Contoso"). */
  readonly organisation?: string | undefined;
  /** Whom to ask about the bot and its data, as a sentence. */
  readonly contact?: string | undefined;
}

export interface PageDefinition {
  /** Served at GET /<name>; the fragment is pages/<language>/<name>.html, the title `pages:titles.<name>`. */
  readonly name: 'guest-help' | 'privacy' | 'terms';
}

export const PAGES: readonly PageDefinition[] = [{ name: 'guest-help' }, { name: 'privacy' }, { name: 'terms' }];

const LAYOUT = readFileSync(packagePath('pages', 'layout.html'), 'utf8');
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

/** The language a page is written in for a reader who asked for `language`: theirs when written, else English. */
function writtenLanguage(page: PageDefinition, language: Language): Language {
  return existsSync(packagePath('pages', language, `${page.name}.html`)) ? language : FALLBACK_LANGUAGE;
}

/** The whole HTML document of a page in a language. */
export function renderPage(page: PageDefinition, facts: PageFacts, requested: Language = FALLBACK_LANGUAGE): string {
  const language = writtenLanguage(page, requested);
  const words = translatorFor({ locale: language });
  const organisation = facts.organisation?.trim() || words.t(`pages:organisationUnnamed.${page.name}`);
  const values = { organisation, contact: facts.contact?.trim() || words.t(`pages:contactDefault.${page.name}`) };
  const switcher = LANGUAGES.map((other) =>
    other === language
      ? `<li><span aria-current="true">${escapeHtml(translatorFor({ locale: other }).t('pages:languageName'))}</span></li>`
      : `<li><a href="?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(translatorFor({ locale: other }).t('pages:languageName'))}</a></li>`,
  ).join('');
  const content = fill(readFileSync(packagePath('pages', language, `${page.name}.html`), 'utf8'), values);
  return fill(
    LAYOUT,
    {
      lang: language,
      title: words.t(`pages:titles.${page.name}`),
      skip: words.t('pages:skipToContent'),
      languages: words.t('pages:languages'),
      footer: words.t('pages:footer', { organisation }),
      guestHelp: words.t('pages:titles.guest-help'),
      privacy: words.t('pages:titles.privacy'),
      terms: words.t('pages:titles.terms'),
    },
    { content, switcher },
  );
}

/**
 * The reader's language: an explicit `?lang=` first, then the Accept-Language entries by quality, then English.
 */
export function pageLanguage(query: string | undefined, acceptLanguage: string | undefined): Language {
  const asked = new URLSearchParams(query ?? '').get('lang')?.toLowerCase();
  if (asked && isLanguage(asked)) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.trim().split(';');
      const quality = Number(parameters.find((parameter) => parameter.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLanguage) ?? FALLBACK_LANGUAGE;
}

/** GET /<name> for every page, each language rendered once: the facts do not change while the bot runs. */
export function mountPages(server: restify.Server, facts: PageFacts = {}, pages: readonly PageDefinition[] = PAGES): void {
  for (const page of pages) {
    const rendered = new Map(LANGUAGES.map((language) => [language, renderPage(page, facts, language)]));
    server.get(`/${page.name}`, (req, res, next) => {
      const language = pageLanguage(req.getQuery(), req.header('accept-language'));
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-language': writtenLanguage(page, language),
        vary: 'Accept-Language',
        'content-security-policy': PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'public, max-age=3600',
      });
      res.end(rendered.get(language));
      next();
    });
  }
}
