/** The answer to someone asking for help with an invitation: what each matching problem means and who does what. */
import type { HelpTopic, UnderstoodQuestion } from '../domain/redemption/help-question.js';
import { FIX_ACTION_NAMES, type FixAction } from '../domain/use-cases/fix-invitation.js';
import { translatorFor, type Translator } from '../i18n/translator.js';
import { helpWords } from './help-words.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** What the bot knows of an address named in the question, for the inviter. */
export interface HelpSubject {
  readonly address: string;
  readonly lines: readonly string[];
  /** Offered as buttons; who may use them is checked when pressed. */
  readonly actions: readonly FixAction[];
}

export function helpAnswerCard(question: UnderstoodQuestion, about?: HelpSubject, words: Translator = translatorFor()): AdaptiveCard {
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
    topics: question.topics.map((topic, index) => ({ ...topicData(topic, words), detailsId: `help-details-${index}` })),
    ids,
  }, words);
}

function topicData(topic: HelpTopic, words: Translator) {
  if (topic.kind === 'unknown-code') {
    return {
      title: `AADSTS${topic.code}`,
      meaning: words.t('help:answer.unknownCode'),
      firstStep: '',
      hasDetails: false,
      guestSteps: [],
      inviterSteps: [],
      lookupUrl: topic.lookupUrl,
    };
  }
  const numbered = (steps: readonly string[]) => steps.map((text, i) => ({ text: `${words.number(i + 1)}. ${text}` }));
  const { entry } = topic;
  const text = helpWords(words, entry.key);
  // The one thing to do first, by whoever must act; every step is behind Show details.
  const guestFirst = entry.whoMustAct === 'guest' || text.inviterSteps.length === 0;
  const first = guestFirst ? text.guestSteps[0] : text.inviterSteps[0];
  return {
    title: topic.kind === 'error-code' ? words.t('help:answer.codeTitle', { code: topic.code, title: text.title }) : text.title,
    meaning: words.t('help:answer.meaning', { meaning: text.meaning, whoMustAct: words.t(`help:answer.whoMustAct.${entry.whoMustAct}`) }),
    firstStep: first ? words.t(`help:answer.firstStep.${guestFirst ? 'guest' : 'inviter'}`, { step: first }) : '',
    hasDetails: text.guestSteps.length + text.inviterSteps.length > 0,
    guestSteps: numbered(text.guestSteps),
    inviterSteps: numbered(text.inviterSteps),
    lookupUrl: topic.kind === 'error-code' ? topic.lookupUrl : '',
  };
}
