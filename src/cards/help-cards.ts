/** The answer to someone asking for help with an invitation: what each matching problem means and who does what. */
import { guestHelpUrl, helpSection } from '../domain/redemption/guest-help.js';
import type { HelpTopic, UnderstoodQuestion } from '../domain/redemption/help-question.js';
import type { FixAction } from '../domain/use-cases/fix-invitation.js';
import type { Translator } from '../i18n/translator.js';
import { fixActionName } from './fix-cards.js';
import { helpWords } from './help-words.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** What the bot knows of an address named in the question, for the inviter. */
export interface HelpSubject {
  readonly address: string;
  readonly lines: readonly string[];
  /** Offered as buttons; who may use them is checked when pressed. */
  readonly actions: readonly FixAction[];
}

/**
 * `publicBaseUrl` is the bot's public address (PUBLIC_BASE_URL): each topic links to the section of the guest help
 * page served there that speaks of it, in the reader's language; without one, no link.
 */
export function helpAnswerCard(words: Translator, question: UnderstoodQuestion, about?: HelpSubject, publicBaseUrl = ''): AdaptiveCard {
  const say = (key: string, values = {}) => words.t(`cards/help-answer:${key}`, values);
  const ids = (
    [
      ['correlationId', question.ids.correlationId],
      ['traceId', question.ids.traceId],
      ['requestId', question.ids.requestId],
      ['timestamp', question.ids.timestamp],
    ] as const
  ).flatMap(([key, value]) => (value ? [{ label: say(`id.${key}`), value }] : []));
  return renderCard(
    'help-answer',
    {
      title: say('title', { topics: question.topics.length }),
      about: about ? { address: about.address, lines: about.lines.map((text) => ({ text })) } : null,
      fixActions: (about?.actions ?? []).map((action) => ({ title: fixActionName(words, action), address: about?.address ?? '', action })),
      topics: question.topics.map((topic, index) => ({
        ...topicData(words, topic),
        detailsId: `help-details-${index}`,
        guestHelpUrl: guestHelpUrl(publicBaseUrl, words.language, helpSection(topic.kind === 'unknown-code' ? undefined : topic.entry.key)) ?? '',
      })),
      ids,
    },
    words,
  );
}

/** ICU select keys cannot hold a hyphen: the domain's codes as the catalogue's selectors. */
const WHO_MUST_ACT = { guest: 'guest', inviter: 'inviter', 'resource-admin': 'resourceAdmin', 'home-admin': 'homeAdmin', 'both-admins': 'bothAdmins' } as const;

function topicData(words: Translator, topic: HelpTopic) {
  const say = (key: string, values = {}) => words.t(`cards/help-answer:${key}`, values);
  const lookupLine = (url: string) => (url ? say('lookup', { url }) : '');
  if (topic.kind === 'unknown-code') {
    return {
      title: say('code', { code: topic.code }),
      meaning: say('unknownCode'),
      firstStep: '',
      hasDetails: false,
      guestSteps: [],
      inviterSteps: [],
      lookupUrl: topic.lookupUrl,
      lookupLine: lookupLine(topic.lookupUrl),
    };
  }
  const numbered = (steps: readonly string[]) => steps.map((text, i) => ({ text: say('step', { number: i + 1, text }) }));
  const entry = { ...topic.entry, ...helpWords(words, topic.entry.key) };
  // The one thing to do first, by whoever must act; every step is behind Show details.
  const guestFirst = entry.whoMustAct === 'guest' || entry.inviterSteps.length === 0;
  const first = guestFirst ? entry.guestSteps[0] : entry.inviterSteps[0];
  const lookupUrl = topic.kind === 'error-code' ? topic.lookupUrl : '';
  return {
    title: topic.kind === 'error-code' ? say('codeTitle', { code: topic.code, title: entry.title }) : entry.title,
    meaning: say('meaning', { meaning: entry.meaning, who: WHO_MUST_ACT[entry.whoMustAct] }),
    firstStep: first ? say('firstStep', { who: guestFirst ? 'guest' : 'inviter', step: first }) : '',
    hasDetails: entry.guestSteps.length + entry.inviterSteps.length > 0,
    guestSteps: numbered(entry.guestSteps),
    inviterSteps: numbered(entry.inviterSteps),
    lookupUrl,
    lookupLine: lookupLine(lookupUrl),
  };
}
