/** The card that answers an invite command, one variant per outcome of the inviteGuest use case. */
import { describeAddressProblem } from '../domain/addresses/address-problems.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { InviteGuestOutcome } from '../domain/use-cases/invite-guest.js';
import { renderCard, type AdaptiveCard } from './render.js';

type ContainerStyle = 'good' | 'attention' | 'warning' | 'accent' | 'default';

interface ResultCardData {
  readonly style: ContainerStyle;
  readonly title: string;
  readonly email: string;
  readonly displayName: string;
  readonly summary: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly next: string;
}

export interface ResultCardContext {
  readonly sendsInvitationEmail: boolean;
}

export function invitationResultCard(outcome: InviteGuestOutcome, context: ResultCardContext): AdaptiveCard {
  return renderCard('invitation-result', resultData(outcome, context));
}

function resultData(outcome: InviteGuestOutcome, context: ResultCardContext): ResultCardData {
  switch (outcome.kind) {
    case 'invited': {
      const base = fromRecord(outcome.record);
      const link = outcome.record.inviteRedeemUrl;
      return {
        ...base,
        facts: context.sendsInvitationEmail || !link ? base.facts : [...base.facts, { label: 'Redemption link', value: link }],
        style: 'good',
        title: 'Invitation sent',
        summary: context.sendsInvitationEmail
          ? 'Microsoft has emailed the guest an invitation with an Accept link.'
          : 'No email was sent: share the redemption link with the guest yourself.',
        next: 'The guest appears in your directory now and can be added to teams; they get access once they accept.',
      };
    }
    case 'already-invited':
      return {
        ...fromRecord(outcome.record),
        style: 'accent',
        title: outcome.record.state === 'Accepted' ? 'Already a guest' : 'Already invited',
        summary:
          outcome.record.state === 'Accepted'
            ? 'This guest has accepted an earlier invitation. No new invitation was sent.'
            : 'This address was invited before and has not accepted yet. No second invitation was sent.',
        next: '',
      };
    case 'existing-guest':
      return {
        ...plain(outcome.email, outcome.user.displayName),
        style: 'accent',
        title: outcome.user.externalUserState === 'Accepted' ? 'Already a guest' : 'Already invited',
        summary:
          outcome.user.externalUserState === 'Accepted'
            ? 'This person is already a guest in your organisation and has accepted. No invitation was sent.'
            : 'This person is already a guest in your organisation but has not accepted yet. No second invitation was sent.',
        facts: [{ label: 'Guest state', value: outcome.user.externalUserState ?? 'Unknown' }],
      };
    case 'existing-member':
      return {
        ...plain(outcome.email, outcome.user.displayName),
        style: 'accent',
        title: 'Already in your organisation',
        summary: 'This address belongs to a member of your organisation, so there is no one to invite.',
      };
    case 'own-domain':
      return {
        ...plain(outcome.email),
        style: 'warning',
        title: 'Already in your organisation',
        summary: `${outcome.domain} is one of your organisation's own domains: people there sign in with their work account and are not invited as guests.`,
      };
    case 'invalid-address':
      return {
        ...plain(outcome.address),
        style: 'attention',
        title: 'That address cannot be invited',
        summary: describeAddressProblem(outcome.problem, outcome.detail),
        next: 'Correct it and send the command again.',
      };
    case 'in-progress':
      return {
        ...plain(outcome.email),
        style: 'accent',
        title: 'Already being invited',
        summary: 'An invitation for this address is being sent right now. Nothing more was sent.',
      };
    case 'failed':
      return {
        ...plain(outcome.email),
        style: 'attention',
        title: 'The invitation was not sent',
        summary: outcome.error.userMessage,
        facts: outcome.error.serviceMessage ? [{ label: 'Microsoft Graph said', value: outcome.error.serviceMessage }] : [],
        next: outcome.error.retryable ? 'You can send the same command again: I never invite anyone twice.' : '',
      };
  }
}

function plain(email: string, displayName?: string): Omit<ResultCardData, 'style' | 'title' | 'summary'> {
  return { email, displayName: displayName ?? '', facts: [], next: '' };
}

function fromRecord(record: InvitationRecord): Omit<ResultCardData, 'style' | 'title' | 'summary' | 'next'> {
  const facts = [
    { label: 'State', value: record.state === 'Accepted' ? 'Accepted' : 'Waiting for the guest to accept' },
    ...(record.sentAt ? [{ label: 'Invited', value: formatUtc(record.sentAt) }] : []),
    ...(record.inviter.name ? [{ label: 'Invited by', value: record.inviter.name }] : []),
  ];
  return { email: record.email, displayName: record.displayName ?? '', facts };
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
