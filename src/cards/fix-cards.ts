/** Resend, Reset redemption, Copy link: the question before, and the answer after. */
import type { ServiceError } from '../domain/errors.js';
import { FIX_ACTION_NAMES, type FixAction, type FixOutcome } from '../domain/use-cases/fix-invitation.js';
import { renderCard, type AdaptiveCard } from './render.js';

const CONFIRMATIONS: Record<FixAction, string> = {
  resend: 'Graph makes a new Accept link for the same guest; with Microsoft’s email, the guest gets the invitation email again.',
  'reset-redemption':
    'The guest keeps their account here, their teams and their access, but must accept again, and may then sign in with another account. Do this when they accepted with the wrong account.',
  'copy-link': 'Anyone who opens this link can accept the invitation with their own account: send it only to the guest.',
};

export function fixConfirmationCard(address: string, action: FixAction): AdaptiveCard {
  return renderCard('fix', {
    style: 'accent',
    title: `${FIX_ACTION_NAMES[action]}?`,
    address,
    lines: [{ text: CONFIRMATIONS[action] }],
    link: '',
    confirm: true,
    action,
    actionName: FIX_ACTION_NAMES[action],
  });
}

function failureText(action: FixAction, error: ServiceError): string {
  if (action === 'reset-redemption' && error.code === 'graph.permission-denied') {
    // Microsoft requires more for a reset than for an invitation (shared/domain/graph-invitations.md).
    return 'The bot lacks a permission: resetting a redemption needs the application permission User.ReadWrite.All. An administrator can grant it, or reset the redemption in the Microsoft Entra admin center (Users, the guest, Reset redemption status).';
  }
  return error.serviceMessage ? `${error.userMessage} (${error.serviceMessage})` : error.userMessage;
}

export function fixResultCard(address: string, action: FixAction, outcome: FixOutcome): AdaptiveCard {
  const base = { address, link: '', confirm: false, action, actionName: FIX_ACTION_NAMES[action] };
  switch (outcome.kind) {
    case 'done':
      return renderCard('fix', {
        ...base,
        style: 'good',
        title: action === 'copy-link' ? 'The Accept link' : action === 'resend' ? 'Invitation sent again' : 'Redemption reset',
        lines: [{ text: action === 'copy-link' ? CONFIRMATIONS['copy-link'] : 'Done. The guest accepts with the link below (or the email, if one was sent).' }],
        link: outcome.link ?? '',
      });
    case 'not-found':
      return renderCard('fix', { ...base, style: 'warning', title: 'No invitation to act on', lines: [{ text: 'Guest Invites has no invitation for this address.' }] });
    case 'not-allowed':
    case 'not-applicable':
      return renderCard('fix', { ...base, style: 'warning', title: `${FIX_ACTION_NAMES[action]}: not done`, lines: [{ text: outcome.reason }] });
    case 'failed':
      return renderCard('fix', {
        ...base,
        style: 'attention',
        title: `${FIX_ACTION_NAMES[action]}: failed`,
        lines: [{ text: failureText(action, outcome.error) }],
      });
    }
}
