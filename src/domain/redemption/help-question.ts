/**
 * Understanding what a guest or an inviter typed or pasted when an invitation did not work: a chat message
 * ("I never got the email"), or a whole Microsoft error page. The answer is the matching entries of
 * help-knowledge.ts, most specific first, plus the ids an admin needs to find the attempt in the sign-in log
 * (the team's fact sheet redemption-errors.md, "Triage data").
 *
 * Everything here is linear in the length of the text: each expression either starts at a literal word and
 * then only takes bounded steps, or is a plain scan, so a hostile 200,000-character paste costs one pass per
 * expression. Nothing throws.
 */
import { toPlainText } from '../addresses/plain-text.js';
import { errorCodeLookupUrl, helpEntry, helpForCode, type HelpEntry, type SituationKey } from './help-knowledge.js';

/** Like a chat message: the bot reads no further than this. */
export const MAX_QUESTION_LENGTH = 200_000;

export type HelpTopic =
  /** An AADSTS code the fact sheet explains. */
  | { readonly kind: 'error-code'; readonly code: string; readonly entry: HelpEntry; readonly lookupUrl: string }
  /** An AADSTS code the fact sheet does not cover: only Microsoft's lookup page can explain it. */
  | { readonly kind: 'unknown-code'; readonly code: string; readonly lookupUrl: string }
  /** A situation recognised from everyday words. */
  | { readonly kind: 'situation'; readonly entry: HelpEntry };

/** The identifiers Microsoft's error pages and error responses carry; admins match them in the sign-in logs. */
interface ErrorPageIds {
  readonly correlationId?: string;
  readonly traceId?: string;
  readonly requestId?: string;
  readonly timestamp?: string;
}

export interface UnderstoodQuestion {
  /** Codes in the order they appear (known ones before unknown ones), then situations, most specific first. */
  readonly topics: readonly HelpTopic[];
  readonly ids: ErrorPageIds;
}

/**
 * How people describe each situation, in every language the bot speaks, as content files hold them
 * (locales/<language>/help.json, `asked`): phrases of words in order, where "…" stands for up to four other
 * words and a word ending in "*" for any word it starts ("einladung*" reads "Einladungen" too). Case, accents
 * and apostrophes do not matter ("n’apparaît" reads as "n apparait").
 */
export type HelpPhrasings = Readonly<Partial<Record<SituationKey, readonly string[]>>>;

/** AADSTS codes and ids are the same in every language; situations are recognised by the English rules below and by `phrasings`. */
export function understandQuestion(text: string, phrasings: HelpPhrasings = {}): UnderstoodQuestion {
  if (typeof text !== 'string') return { topics: [], ids: {} };
  const plain = toPlainText(text.slice(0, MAX_QUESTION_LENGTH));
  return { topics: [...codeTopics(findErrorCodes(plain)), ...situationTopics(plain, phrasings)], ids: findErrorPageIds(plain) };
}

// ---- AADSTS codes -------------------------------------------------------------------------------------------

/**
 * "AADSTS50020", "AADSTS50020:", "aadsts 50020", "AADSTS-50020": the prefix, at most three separators, then
 * 5 to 7 digits that are not the start of a longer number.
 */
const AADSTS_CODE = /aadsts[\s:#-]{0,3}(\d{5,7})(?!\d)/gi;

/** Every AADSTS number in the text, once each, in order of appearance. */
function findErrorCodes(text: string): string[] {
  const codes = new Set<string>();
  for (const match of text.slice(0, MAX_QUESTION_LENGTH).matchAll(AADSTS_CODE)) codes.add(match[1]!);
  return [...codes];
}

function codeTopics(codes: readonly string[]): HelpTopic[] {
  const known: HelpTopic[] = [];
  const unknown: HelpTopic[] = [];
  for (const code of codes) {
    const entry = helpForCode(code);
    const lookupUrl = errorCodeLookupUrl(code);
    if (entry === undefined) unknown.push({ kind: 'unknown-code', code, lookupUrl });
    else known.push({ kind: 'error-code', code, entry, lookupUrl });
  }
  return [...known, ...unknown];
}

// ---- Correlation id, trace id, request id, timestamp --------------------------------------------------------

const GUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])';
/** Between a label and its value: "Correlation ID: ", JSON's `"correlation_id":"`, "timestamp = ", "id is ". */
const LABEL_END = `\\b["'\\s:=]{0,6}(?:is\\s{1,3})?\\{?`;

const ID_PATTERNS = {
  correlationId: new RegExp(`\\bcorrelation[ _-]?id${LABEL_END}${GUID}`, 'i'),
  traceId: new RegExp(`\\btrace[ _-]?id${LABEL_END}${GUID}`, 'i'),
  requestId: new RegExp(`\\brequest[ _-]?id${LABEL_END}${GUID}`, 'i'),
  // "2025-03-04T10:22:31.123Z" on the page, "2025-03-04 10:22:31Z" in OAuth error descriptions.
  timestamp: new RegExp(`\\btimestamp${LABEL_END}(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,7})?(?:Z|[+-]\\d{2}:?\\d{2})?)`, 'i'),
} as const satisfies Record<keyof ErrorPageIds, RegExp>;

/** The first value of each id in the text; an id with no GUID-shaped value after its label is left out. */
function findErrorPageIds(text: string): ErrorPageIds {
  const ids: { -readonly [K in keyof ErrorPageIds]: string } = {};
  const limited = text.slice(0, MAX_QUESTION_LENGTH);
  for (const [name, pattern] of Object.entries(ID_PATTERNS) as [keyof ErrorPageIds, RegExp][]) {
    const value = pattern.exec(limited)?.[1];
    if (value !== undefined) ids[name] = value;
  }
  return ids;
}

// ---- Situations from everyday words -------------------------------------------------------------------------

/**
 * The text as lower-case words separated by single spaces, so phrasings can be matched word by word:
 * apostrophes go ("didn't" reads "didnt"), and sentence ends become " | ", so a phrase never runs from one
 * sentence into the next (so chat in the sentences around a question neither makes nor breaks a match).
 */
function wordsOf(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[.!?;\n\r]+/g, ' | ')
    .replace(/[^a-z0-9|]+/g, ' ')
    .replace(/\be mail/g, 'email');
  return ` ${words} `;
}

/** Up to `max` words of any kind between two parts of a phrase ("didn't [get the] email"). */
const gap = (max: number): string => `(?: [a-z0-9]{1,30}){0,${max}}`;
const NOT = '(?:didnt|did not|dont|do not|doesnt|does not|havent|have not|hasnt|has not|never|cant|cannot|can not|couldnt|could not|wont|will not|isnt|is not|wasnt|was not|not|still no)';
const INVITATION = '(?:invite|invites|invitation|invitations|email|emails|mail|message)';
const PLACE = '(?:team|teams|channel|channels|tenant|tenants|organisation|organisations|organization|organizations|org|orgs|company|workspace)';
const PASSCODE = '(?:otp|otps|one time pass ?codes?|one time codes?|pass ?codes?|verification codes?|security codes?|email codes?)';
const ACCOUNT = '(?:account|accounts|email|address|login|log in|identity)';
// Not "work": "my work email" is usually just an address, while the other words say an account was the wrong one.
const OTHER = '(?:wrong|different|another|other|old|personal|private)';

function phrases(...patterns: string[]): RegExp[] {
  return patterns.map((pattern) => new RegExp(`\\b${pattern}\\b`));
}

interface SituationRecogniser {
  readonly key: SituationKey;
  readonly phrasings: readonly RegExp[];
  /** General situations that say less than this one; when this one is recognised they are left out. */
  readonly narrows?: readonly SituationKey[];
}

/** Most specific first: the order in which recognised situations are answered. */
const SITUATIONS: readonly SituationRecogniser[] = [
  {
    key: 'passcode-turned-off-after-redemption',
    phrasings: phrases(
      `(?:turned|turn|turning|switched|switch|switching|disabled|disable|disabling) off${gap(2)} ${PASSCODE}`,
      `(?:turned|turn|turning|switched|switch|switching) ${PASSCODE}${gap(1)} off`,
      `(?:disabled|disable|disabling|removed|deactivated)(?: the)?(?: email)? ${PASSCODE}`,
      `${PASSCODE}${gap(3)} (?:was|is|got|has been|have been) (?:turned off|switched off|disabled|removed|deactivated)`,
    ),
    narrows: ['passcode-problem'],
  },
  {
    key: 'redeemed-with-wrong-account',
    phrasings: phrases(
      `(?:accepted|redeemed|joined|signed up|registered)${gap(4)} ${OTHER} ${ACCOUNT}`,
      `${OTHER} ${ACCOUNT}${gap(2)} (?:accepted|redeemed)`,
      'reset(?: the| his| her| their| my)? (?:redemption|invitation|invite)',
    ),
    narrows: ['wrong-account-signed-in'],
  },
  {
    key: 'gmail-embedded-sign-in',
    phrasings: phrases(
      `(?:gmail|google|googlemail)${gap(3)} (?:in|inside|on|with|from|through|via) (?:the )?(?:teams|desktop|app|embedded|webview|web view)`,
      `teams(?: desktop| app)? ${NOT}${gap(3)} (?:gmail|google|googlemail)`,
      `(?:gmail|google|googlemail)${gap(4)} (?:sign|signing|signs|log|logging|login)(?: in| into| on| to)?${gap(1)} (?:teams|desktop)`,
      'header (?:is |was )?too (?:long|large|big)',
      'cookie too large',
      'device ?login',
      'device code',
      'browser or app may not be secure',
    ),
  },
  {
    key: 'network-restricts-organisations',
    phrasings: phrases(
      'network administrator has restricted',
      `restricted what ${PLACE} can be accessed`,
      'tenant restrictions?',
      `(?:network|firewall|proxy|it department|it admin)(?: admin| administrator| department| team)?${gap(2)} (?:restricts|restricted|restricting|blocks|blocked|blocking)${gap(3)} ${PLACE}`,
    ),
  },
  {
    key: 'proxy-address-conflict',
    phrasings: phrases(
      'proxy ?address(?:es)?',
      'conflicting (?:contact|contacts|address|addresses|email|emails|proxy)',
      '(?:address|email|contact|smtp) conflicts?',
      `(?:mail )?contact${gap(3)} (?:same|existing|already) (?:email|address)`,
    ),
  },
  {
    key: 'alias-or-email-not-upn',
    phrasings: phrases(
      'alias(?:es)?',
      'upn',
      'user principal name',
      'alternate login ids?',
      `email${gap(2)} (?:is |isnt |is not )?(?:different|not the same) (?:from|than|as)${gap(2)} (?:username|user name|login|log in|sign in|signin)`,
      'secondary email address',
    ),
  },
  {
    key: 'custom-message-missing',
    phrasings: phrases(
      `(?:custom|personal|personalised|personalized|my|our|the) (?:message|note)${gap(5)} (?:missing|dropped|lost|removed|gone|not there|not included|not shown|isnt|wasnt|didnt|doesnt|never|not in)`,
      '(?:missing|without|lost|dropped|removed)(?: the| my| our| a)? (?:custom|personal|personalised|personalized) (?:message|note)',
      'where is my (?:message|note)',
    ),
  },
  {
    key: 'passcode-problem',
    phrasings: phrases(
      `${PASSCODE}`,
      `code${gap(3)} ${NOT}${gap(2)} (?:arrive|arrived|arriving|come|came|coming|received|work|works|working|accepted|valid|sent|show|shown|showed)`,
      `code${gap(2)} (?:never|not) (?:arrives|arrived|came|comes)`,
      `${NOT}${gap(3)} (?:get|got|getting|receive|received|receiving|see|seen)${gap(3)} (?:the |a |any |my )?code`,
      '(?:invalid|wrong|incorrect|expired|rejected) code',
      'code (?:is |was |has )?(?:invalid|wrong|incorrect|expired|rejected)',
    ),
  },
  {
    key: 'link-expired-or-used',
    phrasings: phrases(
      `link${gap(4)} (?:expired|expire|expires|dead|broken|invalid|no longer|not working|doesnt work|does not work|dont work|wont work|didnt work|stopped working|anymore|any more)`,
      `(?:expired|old|dead|invalid|broken) (?:invite|invitation|link|url)`,
      `(?:invite|invitation)${gap(3)} (?:expired|has expired|is expired|no longer valid|invalid)`,
      'already (?:been )?(?:used|redeemed)',
    ),
  },
  {
    key: 'cannot-find-organisation',
    phrasings: phrases(
      `${NOT}${gap(3)} (?:find|found|see|seen|access|open|get to|reach|join|switch to|locate)${gap(3)} ${PLACE}`,
      `switch(?:ing)?${gap(2)} ${PLACE}`,
      `${PLACE}${gap(3)} ${NOT}${gap(2)} (?:show|shown|showing|shows|appear|appears|appearing|visible|listed|there)`,
      `where (?:is|are)${gap(2)} ${PLACE}`,
      `missing ${PLACE}`,
    ),
  },
  {
    key: 'invitation-not-received',
    phrasings: phrases(
      `${NOT}${gap(3)} (?:get|got|getting|receive|received|receiving|see|seen|find|found)${gap(3)} ${INVITATION}`,
      `no(?: new| such| welcome| teams| microsoft| guest)? (?:invite|invitation|invitations|email|mail)(?! address)`,
      `${INVITATION}${gap(2)} ${NOT}${gap(2)} (?:arrive|arrived|arriving|come|came|coming|shown up|show up|showed up|received|here|delivered|sent)`,
      `${INVITATION}${gap(2)} never (?:arrived|came|showed up)`,
      `where is${gap(2)} (?:invite|invitation|email)`,
      'block future invitations',
    ),
  },
  {
    key: 'wrong-account-signed-in',
    phrasings: phrases(
      `${OTHER} ${ACCOUNT}`,
      `(?:keeps|keep|it|always)${gap(2)} (?:signing|logging|sign|log|signs|logs) (?:me )?in (?:as|with)`,
      'use another account',
    ),
  },
];

// ---- Situations from phrasings in any language --------------------------------------------------------------

/**
 * Lower-case words without accents, single-spaced, with sentence ends as " | " like wordsOf; apostrophes
 * separate words here ("l’invitation" reads "l invitation"), as French and German need. Letters of any
 * script survive, so a phrase written in a language's own letters matches.
 */
function foldedWordsOf(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[.!?;\n\r]+/g, ' | ')
    .replace(/[^\p{L}\p{N}|]+/gu, ' ')
    .replace(/\be mails?\b/g, 'email');
  return ` ${words.replace(/ +/g, ' ').trim()} `;
}

const FOLDED_WORD = '[\\p{L}\\p{N}]';
const GAP = 'qqgapqq';
const ANY = 'qqanyqq';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const compiledPhrasings = new Map<string, RegExp>();

/** A content-file phrase as an expression over foldedWordsOf's text: literal words, bounded gaps, no backtracking blow-up. */
function phrasingPattern(phrase: string): RegExp {
  let pattern = compiledPhrasings.get(phrase);
  if (!pattern) {
    // Placeholders of plain letters survive the folding that the phrase shares with the text.
    const parts = foldedWordsOf(phrase.replace(/…|\.\.\./g, ` ${GAP} `).replace(/\*/g, ANY))
      .trim()
      .split(' ')
      .filter((word) => word !== '' && word !== '|')
      .map((word) =>
        word === GAP ? `(?: ${FOLDED_WORD}{1,30}){0,4}` : ` ${word.split(ANY).map(escapeRegExp).join(`${FOLDED_WORD}{0,30}`)}`,
      );
    pattern = new RegExp(`${parts.join('')}(?= )`, 'u');
    compiledPhrasings.set(phrase, pattern);
  }
  return pattern;
}

function saidInSomeLanguage(folded: string, phrases: readonly string[] | undefined): boolean {
  return (phrases ?? []).some((phrase) => phrasingPattern(phrase).test(folded));
}

function situationTopics(plain: string, phrasings: HelpPhrasings): HelpTopic[] {
  const words = wordsOf(plain);
  const folded = foldedWordsOf(plain);
  const recognised = SITUATIONS.filter(({ key, phrasings: english }) => english.some((phrasing) => phrasing.test(words)) || saidInSomeLanguage(folded, phrasings[key]));
  const narrowedAway = new Set(recognised.flatMap(({ narrows }) => narrows ?? []));
  return recognised.filter(({ key }) => !narrowedAway.has(key)).map(({ key }) => ({ kind: 'situation', entry: helpEntry(key) }));
}
