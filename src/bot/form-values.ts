/**
 * The invite form's submitted values, validated at the edge into typed options, with one plain message
 * per problem. What was typed is always returned too, so the form can come back exactly as it was.
 */
import { z } from 'zod';
import { checkEmailAddress } from '../domain/addresses/email-address.js';
import { describeAddressProblem } from '../domain/addresses/address-problems.js';
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import type { InvitationOptions } from '../domain/invitations/batch.js';
import { carriesPersonalNote, type DeliveryMode } from '../domain/use-cases/send-work.js';
import { INVITATION_LANGUAGES, invitationLanguageFor, MAX_PERSONAL_MESSAGE_LENGTH, OTHER_REDIRECT, type FormValues } from '../cards/batch-cards.js';
import type { Translator } from '../i18n/translator.js';
import { say as spoken } from '../cards/say.js';

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
export function readForm(
  words: Translator,
  data: unknown,
  allowedRedirects: readonly string[],
  delivery: DeliveryMode,
  maxPasteCharacters = MAX_PASTE_CHARACTERS,
): FormCheck {
  const typed: FormValues = submitted.parse(typeof data === 'object' && data !== null ? data : {});
  // With link delivery no email is written, and the form asks no language: the inviter's own stands in.
  const values = typed.language === '' && delivery === 'link' ? { ...typed, language: invitationLanguageFor(words) } : typed;
  const note = carriesPersonalNote(delivery) ? values.personalMessage : '';
  const errors: string[] = [];
  const problem = (key: string, problemValues = {}) => errors.push(words.t(`cards/invite-form:error.${key}`, problemValues));

  if (values.addresses.trim() === '') problem('noAddress');
  if (values.addresses.length > maxPasteCharacters) problem('pasteTooLong', { length: values.addresses.length, limit: maxPasteCharacters });
  if (note.length > MAX_PERSONAL_MESSAGE_LENGTH) problem('noteTooLong', { length: note.length, limit: MAX_PERSONAL_MESSAGE_LENGTH });
  const redirectUrl = values.redirectChoice === OTHER_REDIRECT || values.redirectChoice === '' ? values.redirectOther.trim() : values.redirectChoice;
  if (!isHttpsUrl(redirectUrl)) problem('landingPageNotHttps');
  else if (values.redirectChoice !== OTHER_REDIRECT && !allowedRedirects.includes(redirectUrl)) problem('landingPageNotListed');

  const cc = values.cc.trim();
  if (cc !== '') {
    const check = checkEmailAddress(cc);
    if (!check.ok) problem('copyAddress', { problem: spoken(words, describeAddressProblem(check.problem, check.detail)) });
  }
  if (!(INVITATION_LANGUAGES as readonly string[]).includes(values.language)) problem('language');

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
