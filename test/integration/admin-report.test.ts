/**
 * The administrators' report, end to end: invitations sent and accepted through the real surfaces land in the
 * audit trail, and `report` draws them as Teams charts with text fallbacks. Its own storage, so the figures
 * are this test's alone.
 */
import { expect, it } from 'vitest';
import { DANA, FOX } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { type Person } from '../support/bot-chat.js';
import { actionData, cardOf, cardText, type RecordedCall } from '../support/connector-recorder.js';
import { validateCard } from '../support/schemas.js';

const stack = useBotStack({ TRACKING_POLL_SECONDS: '1' });

const { chat } = stack;
const say = (text: string, from: Person) => chat().say(text, from, 'personal');

interface Chart {
  readonly type: string;
  readonly data: unknown[];
  readonly fallback: { readonly text: string };
}

function chartsOf(card: Record<string, unknown>): Chart[] {
  return (card.body as { type: string }[]).filter((element) => element.type.startsWith('Chart.')) as unknown as Chart[];
}

it('draws invitations, acceptances and sign-in paths from the audit trail, for administrators only', { timeout: 60_000 }, async () => {
  const review = await say('invite Ola Nordmann <ola@fabrikam.com>, ann@gmail.com', DANA);
  stack.connector.clear();
  await chat().press('review.send', actionData(review, 'review.send'), DANA, 'dana-review', 'personal');
  await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith('/activities/dana-review') && /invitations sent/i.test(cardText(cardOf(call))));
  await stack.sim.redeem('ola@fabrikam.com');
  await stack.connector.waitFor((call: RecordedCall) => call.method === 'POST' && cardText(cardOf(call)).includes('accepted your invitation'), 1, 20_000);

  const card = await say('report 4', DANA);
  expect(validateCard(card)).toEqual([]);
  const text = cardText(card);
  expect(text).toContain('Guest invitations: the last 4 weeks');
  expect(text).toContain('50% (1 of 2)');
  const [perWeek, paths] = chartsOf(card);
  expect(perWeek?.type).toBe('Chart.VerticalBar.Grouped');
  const series = perWeek!.data as { legend: string; values: { x: string; y: number }[] }[];
  expect(series.map((s) => [s.legend, s.values.length, s.values.reduce((sum, v) => sum + v.y, 0)])).toEqual([
    ['Invited', 4, 2],
    ['Accepted', 4, 1],
  ]);
  // The simulator redeems with an email passcode unless told otherwise.
  expect(paths).toMatchObject({ type: 'Chart.Donut', data: [{ legend: 'Email passcode', value: 1 }] });
  expect(paths!.fallback.text).toBe('Email passcode: 1');

  expect(cardText(await say('report', FOX))).toMatch(/administrators/i);
});
