/** Resend, Reset redemption, Copy link, Withdraw: the question before, and the answer after. */
import type { ServiceError } from '../domain/errors.js';
import { FIX_ACTION_NAMES, type FixAction, type FixOutcome } from '../domain/use-cases/fix-invitation.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { translatorFor } from '../i18n/translator.js';
import { say } from './say.js';

const CONFIRMATIONS: Record<FixAction, string> = {
  resend: 'Graph makes a new Accept link for the same guest; with Microsoft’s email, the guest gets the invitation email again.',
  'reset-redemption':
    'The guest keeps their account here, their teams and their access, but must accept again, and may then sign in with another account. Do this when they accepted with the wrong account.',
  'copy-link': 'Anyone who opens this link can accept the invitation with their own account: send it only to the guest.',
  'withdraw-invitation':
    'The guest has not accepted: withdrawing deletes the guest user the invitation created, so the Accept link stops working. An administrator can restore the user from Deleted users in the Microsoft Entra admin center for 30 days. A guest who accepted meanwhile is left as is.',
};

const DONE: Record<FixAction, { readonly title: string; readonly text: string }> = {
  resend: { title: 'Invitation sent again', text: 'Done. The guest accepts with the link below (or the email, if one was sent).' },
  'reset-redemption': { title: 'Redemption reset', text: 'Done. The guest accepts again with the link below (or the email, if one was sent), with the account they choose.' },
  'copy-link': { title: 'The Accept link', text: CONFIRMATIONS['copy-link'] },
  'withdraw-invitation': { title: 'Invitation withdrawn', text: 'Done. The guest user was deleted and the Accept link no longer works; an administrator can restore it for 30 days.' },
};

/** Microsoft requires more for these than for an invitation (shared/domain/graph-invitations.md, guest-lifecycle.md). */
const NEEDS_USER_READWRITE: Partial<Record<FixAction, string>> = {
  'reset-redemption':
    'The bot lacks a permission: resetting a redemption needs the application permission User.ReadWrite.All. An administrator can grant it, or reset the redemption in the Microsoft Entra admin center (Users, the guest, Reset redemption status).',
  'withdraw-invitation':
    'The bot lacks a permission: deleting a guest user needs the application permission User.ReadWrite.All. An administrator can grant it, or delete the guest in the Microsoft Entra admin center (Users, the guest, Delete).',
};

export function fixConfirmationCard(address: string, action: FixAction): AdaptiveCard {
  return renderCard('fix', {
    style: action === 'withdraw-invitation' ? 'warning' : 'accent',
    title: action === 'withdraw-invitation' ? 'Withdraw this invitation?' : `${FIX_ACTION_NAMES[action]}?`,
    address,
    lines: [{ text: CONFIRMATIONS[action] }],
    link: '',
    confirm: true,
    confirmStyle: action === 'withdraw-invitation' ? 'destructive' : 'positive',
    action,
    actionName: FIX_ACTION_NAMES[action],
  });
}

function failureText(action: FixAction, error: ServiceError): string {
  const permissionText = NEEDS_USER_READWRITE[action];
  if (permissionText && error.code === 'graph.permission-denied') return permissionText;
  return error.serviceMessage ? `${error.userMessage} (${error.serviceMessage})` : error.userMessage;
}

export function fixResultCard(address: string, action: FixAction, outcome: FixOutcome): AdaptiveCard {
  const base = { address, link: '', confirm: false, action, actionName: FIX_ACTION_NAMES[action] };
  switch (outcome.kind) {
    case 'done':
      return renderCard('fix', {
        ...base,
        style: 'good',
        title: DONE[action].title,
        lines: [{ text: DONE[action].text }],
        link: outcome.link ?? '',
      });
    case 'not-found':
      return renderCard('fix', { ...base, style: 'warning', title: 'No invitation to act on', lines: [{ text: 'Guest Invites has no invitation for this address.' }] });
    case 'not-allowed':
    case 'not-applicable':
      return renderCard('fix', { ...base, style: 'warning', title: `${FIX_ACTION_NAMES[action]}: not done`, lines: [{ text: say(translatorFor(), outcome.reason) }] });
    case 'failed':
      return renderCard('fix', {
        ...base,
        style: 'attention',
        title: `${FIX_ACTION_NAMES[action]}: failed`,
        lines: [{ text: failureText(action, outcome.error) }],
      });
    }
}
