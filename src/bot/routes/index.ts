/** Every card route by its verb; each verb is routed once, by the module of the template it belongs to. */
import { approvalRoutes } from './approval.js';
import { batchStatusRoutes } from './batch-status.js';
import { fixRoutes } from './fix.js';
import { guestReviewRoutes } from './guest-review.js';
import { inviteFormRoutes } from './invite-form.js';
import { myGuestsRoutes } from './my-guests.js';
import { reviewRoutes } from './review.js';
import { sponsorlessGuestsRoutes } from './sponsorless-guests.js';
import type { CardRoute } from './route.js';
import { statusRoutes } from './status.js';

/** Route modules by the template (cards/<name>.json) whose verbs they hold. */
export const ROUTES_BY_TEMPLATE: Readonly<Record<string, readonly CardRoute[]>> = {
  'invite-form': inviteFormRoutes,
  review: reviewRoutes,
  'batch-status': batchStatusRoutes,
  status: statusRoutes,
  fix: fixRoutes,
  approval: approvalRoutes,
  'guest-review': guestReviewRoutes,
  'my-guests': myGuestsRoutes,
  'sponsorless-guests': sponsorlessGuestsRoutes,
};

/** A Map, so that only these verbs are found: never `constructor`, `__proto__` or `toString` of an object. */
export const CARD_ROUTES: ReadonlyMap<string, CardRoute> = new Map(
  Object.values(ROUTES_BY_TEMPLATE)
    .flat()
    .map((route) => [route.verb, route]),
);
