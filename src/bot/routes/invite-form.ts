/** The verbs of cards/invite-form.json. */
import { z } from 'zod';
import { inviteFormCard } from '../../cards/batch-cards.js';
import { readForm } from '../form-values.js';
import { reviewFromPaste } from '../review-from-paste.js';
import { cardResponse, cardRoute } from './route.js';

/** The form's own fields are read leniently by readForm (so it comes back as typed); the data must be an object. */
const formData = z.record(z.string(), z.unknown());

export const inviteFormRoutes = [
  cardRoute('form.review', formData, async ({ turn, services, settings, words }, data) => {
    const form = readForm(words, data, settings.redirectChoices.map((choice) => choice.url), settings.delivery, settings.maxPasteCharacters);
    if (!form.ok) return cardResponse(inviteFormCard(words, settings, form.values, form.errors));
    return cardResponse(
      await reviewFromPaste(words, turn, services, form.values.addresses, form.options, (message) => inviteFormCard(words, settings, form.values, [message]), settings),
    );
  }),
];
