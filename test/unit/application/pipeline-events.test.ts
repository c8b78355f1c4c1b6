/** What the chat's card, the inviter and the administrators hear from sending and tracking. */
import { describe, expect, it } from 'vitest';
import { batchEvents, guestEvents, placementEvents, type AdministratorNotices } from '../../../src/application/pipeline-events.js';
import type { InviteBatch } from '../../../src/domain/invitations/batch.js';
import type { InvitationRecord } from '../../../src/domain/invitations/invitation.js';
import { MemoryOutcomeStore, RecordingObserver } from '../../support/in-memory-ports.js';

function recordingAdministrators(): AdministratorNotices & { heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    batchFinished: async (batch, results) => {
      heard.push(`finished ${batch.batchId}: ${results.map((result) => result.address).join(',')}`);
    },
    batchBlocked: async (batch) => {
      heard.push(`blocked ${batch.batchId}`);
    },
    guestAccepted: async (record) => {
      heard.push(`accepted ${record.email}`);
    },
    guestNotPlaced: async (record) => {
      heard.push(`not placed ${record.email}`);
    },
  };
}

const batch = (state: InviteBatch['state'], pause?: InviteBatch['pause']) => ({ tenantId: 't', batchId: 'b-1', state, ...(pause ? { pause } : {}) }) as InviteBatch;

describe('batch events', () => {
  it('the card hears every change; administrators hear a finished batch with its outcomes and an anti-abuse block', async () => {
    const card = new RecordingObserver();
    const outcomes = new MemoryOutcomeStore();
    await outcomes.record('t', 'b-1', { address: 'a@fabrikam.com', outcome: 'invited', round: 1 });
    const administrators = recordingAdministrators();
    const events = batchEvents({ card, outcomes, tenantId: 't', administrators });

    events.recorded(batch('Sending'), { address: 'a@fabrikam.com', outcome: 'invited', round: 1 });
    await events.stateChanged(batch('Paused', { reason: 'daily-limit', message: '', resumesAt: '2026-11-26T00:00:00Z' }));
    await events.stateChanged(batch('Paused', { reason: 'anti-abuse', message: '' }));
    await events.stateChanged(batch('Done'));

    expect(card.progress).toEqual(['a@fabrikam.com']);
    expect(card.states).toEqual(['Paused', 'Paused', 'Done']);
    expect(administrators.heard).toEqual(['blocked b-1', 'finished b-1: a@fabrikam.com']);
  });
});

describe('guest events', () => {
  it('an acceptance is told to the inviter, then to the administrators; removals and reminders to the inviter only', async () => {
    const told: string[] = [];
    const administrators = recordingAdministrators();
    const events = guestEvents({
      inviter: {
        accepted: async (record) => void told.push(`accepted ${record.email}`),
        removed: async (record) => void told.push(`removed ${record.email}`),
        stillPending: async (record) => void told.push(`pending ${record.email}`),
      },
      administrators,
    });
    const record = { email: 'a@fabrikam.com' } as InvitationRecord;
    await events.accepted(record);
    await events.removed(record);
    await events.stillPending(record);
    expect(told).toEqual(['accepted a@fabrikam.com', 'removed a@fabrikam.com', 'pending a@fabrikam.com']);
    expect(administrators.heard).toEqual(['accepted a@fabrikam.com']);
  });
});

describe('placement events', () => {
  it('the space hears a guest added and a guest refused; the administrators hear only the refusal, after the space', async () => {
    const heard: string[] = [];
    const administrators = recordingAdministrators();
    const events = placementEvents({
      space: {
        placed: async (record) => void heard.push(`placed ${record.email}`),
        refused: async (record) => void heard.push(`refused ${record.email}`),
      },
      administrators: {
        guestNotPlaced: async (record) => {
          heard.push(`admins: ${record.email}`);
          await administrators.guestNotPlaced(record);
        },
      },
    });
    await events.placed({ email: 'a@fabrikam.com' } as InvitationRecord);
    await events.refused({ email: 'b@fabrikam.com' } as InvitationRecord);

    expect(heard).toEqual(['placed a@fabrikam.com', 'refused b@fabrikam.com', 'admins: b@fabrikam.com']);
    expect(administrators.heard).toEqual(['not placed b@fabrikam.com']);
  });
});
