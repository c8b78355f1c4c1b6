/** The invite form's values: a personal note reaches the options only where the delivery carries it to the guest. */
import { describe, expect, it } from 'vitest';
import { readForm } from '../../src/bot/form-values.js';
import { translatorFor } from '../../src/i18n/translator.js';

const words = translatorFor({ locale: 'en-US' });

const LANDING = 'https://myapps.microsoft.com/';
const form = (personalMessage: string) => ({ addresses: 'jane@fabrikam.com', personalMessage, redirectChoice: LANDING, redirectOther: '', cc: '', language: 'en-US' });

describe('the invite form’s personal note', () => {
  it('travels with mailbox delivery, checked against its limit', () => {
    const check = readForm(words, form('  Welcome aboard!  '), [LANDING], 'mailbox');
    expect(check).toMatchObject({ ok: true, options: { personalMessage: 'Welcome aboard!' } });
    const tooLong = readForm(words, form('x'.repeat(1001)), [LANDING], 'mailbox');
    expect(tooLong).toMatchObject({ ok: false, errors: ['The personal note has 1,001 characters; the limit is 1,000.'] });
  });

  it.each(['microsoft', 'link'] as const)('is left out with %s delivery, so nothing shows it as sent (a form from before the setting changed)', (delivery) => {
    expect(readForm(words, form('x'.repeat(1001)), [LANDING], delivery)).toMatchObject({ ok: true, options: { personalMessage: '' } });
  });
});

describe('the invite form’s problems, in the inviter’s language', () => {
  it('says what is wrong in German and French, numbers in their format', () => {
    const de = readForm(translatorFor({ locale: 'de-DE' }), { ...form('x'.repeat(1001)), addresses: '' }, [LANDING], 'mailbox');
    expect(de).toMatchObject({ ok: false, errors: ['Fügen Sie mindestens eine Adresse ein.', 'Die persönliche Nachricht hat 1.001 Zeichen; erlaubt sind 1.000.'] });
    const fr = readForm(translatorFor({ locale: 'fr-FR' }), { ...form(''), redirectChoice: 'other', redirectOther: 'http://x' }, [LANDING], 'mailbox');
    expect(fr).toMatchObject({ ok: false, errors: ['La page d’arrivée doit être une adresse https:// complète.'] });
  });

  it('link delivery asks no email language: the inviter’s own stands in', () => {
    expect(readForm(translatorFor({ locale: 'fr-FR' }), { ...form(''), language: '' }, [LANDING], 'link')).toMatchObject({ ok: true, options: { messageLanguage: 'fr-FR' } });
  });
});
