/** Resend, Reset redemption, Copy link, Withdraw: the question before, and the answer after. */
import type { ServiceError } from '../domain/errors.js';
import type { FixAction, FixOutcome } from '../domain/use-cases/fix-invitation.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { say as spoken } from './say.js';

/** A fix's button and title, "Resend the invitation": `cards/fix:action.<action>`. */
export function fixActionName(words: Translator, action: FixAction): string {
  return words.t(`cards/fix:action.${action}`);
}

/** Microsoft requires more for these than for an invitation (shared/domain/graph-invitations.md, guest-lifecycle.md). */
const NEEDS_USER_READWRITE: ReadonlySet<FixAction> = new Set(['reset-redemption', 'withdraw-invitation']);

export function fixConfirmationCard(words: Translator, address: string, action: FixAction): AdaptiveCard {
  return renderCard(
    'fix',
    {
      style: action === 'withdraw-invitation' ? 'warning' : 'accent',
      title: words.t('cards/fix:confirm.title', { withdrawing: action === 'withdraw-invitation' ? 'yes' : 'no', name: fixActionName(words, action) }),
      address,
      lines: [{ text: words.t(`cards/fix:confirm.${action}`) }],
      link: '',
      confirm: true,
      confirmStyle: action === 'withdraw-invitation' ? 'destructive' : 'positive',
      action,
      actionName: fixActionName(words, action),
    },
    words,
  );
}

function failureText(words: Translator, action: FixAction, error: ServiceError): string {
  if (NEEDS_USER_READWRITE.has(action) && error.code === 'graph.permission-denied') return words.t(`cards/fix:needsPermission.${action}`);
  return error.serviceMessage ? words.t('cards/fix:failedWithReason', { message: spoken(words, error.userMessage), reason: error.serviceMessage }) : spoken(words, error.userMessage);
}

export function fixResultCard(words: Translator, address: string, action: FixAction, outcome: FixOutcome): AdaptiveCard {
  const name = fixActionName(words, action);
  const card = (data: { style: string; title: string; text: string; link?: string }) =>
    renderCard('fix', { address, confirm: false, action, actionName: name, style: data.style, title: data.title, lines: [{ text: data.text }], link: data.link ?? '' }, words);
  switch (outcome.kind) {
    case 'done':
      return card({ style: 'good', title: words.t(`cards/fix:done.${action}.title`), text: words.t(`cards/fix:done.${action}.text`), link: outcome.link ?? '' });
    case 'not-found':
      return card({ style: 'warning', title: words.t('cards/fix:notFound.title'), text: words.t('cards/fix:notFound.text') });
    case 'not-allowed':
    case 'not-applicable':
      return card({ style: 'warning', title: words.t('cards/fix:notDone', { name }), text: spoken(words, outcome.reason) });
    case 'failed':
      return card({ style: 'attention', title: words.t('cards/fix:failed', { name }), text: failureText(words, action, outcome.error) });
  }
}
