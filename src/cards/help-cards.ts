/** The answer to someone asking for help with an invitation: what each matching problem means and who does what. */
import type { HelpTopic, UnderstoodQuestion } from '../domain/redemption/help-question.js';
import { FIX_ACTION_NAMES, type FixAction } from '../domain/use-cases/fix-invitation.js';
import type { Translator } from '../i18n/translator.js';
import { helpWords } from './help-words.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** What the bot knows of an address named in the question, for the inviter. */
export interface HelpSubject {
  readonly address: string;
  readonly lines: readonly string[];
  /** Offered as buttons; who may use them is checked when pressed. */
  readonly actions: readonly FixAction[];
}

const WHO_MUST_ACT = {
  guest: 'The guest can fix this.',
  inviter: 'The inviter can fix this.',
  'resource-admin': 'An administrator of your organisation must act.',
  'home-admin': "The guest's own organisation must act.",
  'both-admins': 'Administrators of both organisations must act.',
} as const;

export function helpAnswerCard(words: Translator, question: UnderstoodQuestion, about?: HelpSubject): AdaptiveCard {
  const ids = [
    ['Correlation ID', question.ids.correlationId],
    ['Trace ID', question.ids.traceId],
    ['Request ID', question.ids.requestId],
    ['Timestamp', question.ids.timestamp],
  ].flatMap(([label, value]) => (value ? [{ label, value }] : []));
  return renderCard('help-answer', {
    title:
      question.topics.length === 0 ? 'What I know of this invitation' : question.topics.length === 1 ? 'Here is what that means' : `${question.topics.length} things that may be going on`,
    about: about ? { address: about.address, lines: about.lines.map((text) => ({ text })) } : null,
    fixActions: (about?.actions ?? []).map((action) => ({ title: FIX_ACTION_NAMES[action], address: about?.address ?? '', action })),
    topics: question.topics.map((topic, index) => ({ ...topicData(words, topic), detailsId: `help-details-${index}` })),
    ids,
  }, words);
}

function topicData(words: Translator, topic: HelpTopic) {
  if (topic.kind === 'unknown-code') {
    return {
      title: `AADSTS${topic.code}`,
      meaning: 'I do not know this sign-in error. Microsoft explains every code on its error page.',
      firstStep: '',
      hasDetails: false,
      guestSteps: [],
      inviterSteps: [],
      lookupUrl: topic.lookupUrl,
    };
  }
  const numbered = (steps: readonly string[]) => steps.map((text, i) => ({ text: `${i + 1}. ${text}` }));
  // The facts from the domain, the words in the asker's language from locales/<language>/help.json.
  const entry = { ...topic.entry, ...helpWords(words, topic.entry.key) };
  // The one thing to do first, by whoever must act; every step is behind Show details.
  const guestFirst = entry.whoMustAct === 'guest' || entry.inviterSteps.length === 0;
  const first = guestFirst ? entry.guestSteps[0] : entry.inviterSteps[0];
  return {
    title: topic.kind === 'error-code' ? `AADSTS${topic.code}: ${entry.title}` : entry.title,
    meaning: `${entry.meaning} ${WHO_MUST_ACT[entry.whoMustAct]}`,
    firstStep: first ? `First, ${guestFirst ? 'the guest' : 'the inviter'}: ${first}` : '',
    hasDetails: entry.guestSteps.length + entry.inviterSteps.length > 0,
    guestSteps: numbered(entry.guestSteps),
    inviterSteps: numbered(entry.inviterSteps),
    lookupUrl: topic.kind === 'error-code' ? topic.lookupUrl : '',
  };
}
