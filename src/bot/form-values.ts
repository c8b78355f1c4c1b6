/**
 * The invite form's submitted values, validated at the edge into typed options, with one plain message
 * per problem. What was typed is always returned too, so the form can come back exactly as it was.
 */
import { z } from 'zod';
import { checkEmailAddress } from '../domain/addresses/email-address.js';
import { describeAddressProblem } from '../domain/addresses/address-problems.js';
import { say } from '../cards/say.js';
import { translatorFor } from '../i18n/translator.js';
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import type { InvitationOptions } from '../domain/invitations/batch.js';
import { carriesPersonalNote, type DeliveryMode } from '../domain/use-cases/send-work.js';
import { INVITATION_LANGUAGES, MAX_PERSONAL_MESSAGE_LENGTH, OTHER_REDIRECT, type FormValues } from '../cards/batch-cards.js';

const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());
const submitted = z.object({
  addresses: text,
  personalMessage: text,
  redirectChoice: text,
  redirectOther: text,
  cc: text,
  language: text,
});

export type FormCheck =
  | { readonly ok: true; readonly values: FormValues; readonly options: InvitationOptions }
  | { readonly ok: false; readonly values: FormValues; readonly errors: readonly string[] };

/**
 * A note where the delivery cannot carry it (a form from before the setting changed, a hand-made submit) is
 * left out of the options, so no review or result shows it as if it went to the guest.
 */
export function readForm(data: unknown, allowedRedirects: readonly string[], delivery: DeliveryMode): FormCheck {
  const values: FormValues = submitted.parse(typeof data === 'object' && data !== null ? data : {});
  const note = carriesPersonalNote(delivery) ? values.personalMessage : '';
  const errors: string[] = [];

  if (values.addresses.trim() === '') errors.push('Paste at least one address.');
  if (values.addresses.length > MAX_PASTE_CHARACTERS) {
    errors.push(`That paste has ${values.addresses.length.toLocaleString('en-US')} characters; I read at most ${MAX_PASTE_CHARACTERS.toLocaleString('en-US')}. Split it into smaller lists.`);
  }
  if (note.length > MAX_PERSONAL_MESSAGE_LENGTH) {
    errors.push(`The personal note has ${note.length} characters; the limit is ${MAX_PERSONAL_MESSAGE_LENGTH}.`);
  }
  const redirectUrl = values.redirectChoice === OTHER_REDIRECT || values.redirectChoice === '' ? values.redirectOther.trim() : values.redirectChoice;
  if (!isHttpsUrl(redirectUrl)) errors.push('The landing page must be a full https:// address.');
  else if (values.redirectChoice !== OTHER_REDIRECT && !allowedRedirects.includes(redirectUrl)) errors.push('Choose a landing page from the list, or "Other".');

  const cc = values.cc.trim();
  if (cc !== '') {
    const check = checkEmailAddress(cc);
    if (!check.ok) errors.push(`The copy address: ${say(translatorFor(), describeAddressProblem(check.problem, check.detail))}`);
  }
  if (!INVITATION_LANGUAGES.some((language) => language.value === values.language)) errors.push('Choose the email language from the list.');

  if (errors.length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    options: {
      personalMessage: note.trim(),
      redirectUrl,
      messageLanguage: values.language,
      ...(cc ? { ccAddress: cc.toLowerCase() } : {}),
    },
  };
}

function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/\S+$/.test(value)) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
