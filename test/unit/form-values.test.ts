/** The invite form's values: a personal note reaches the options only where the delivery carries it to the guest. */
import { describe, expect, it } from 'vitest';
import { readForm } from '../../src/bot/form-values.js';

const LANDING = 'https://myapps.microsoft.com/';
const form = (personalMessage: string) => ({ addresses: 'jane@fabrikam.com', personalMessage, redirectChoice: LANDING, redirectOther: '', cc: '', language: 'en-US' });

describe('the invite form’s personal note', () => {
  it('travels with mailbox delivery, checked against its limit', () => {
    const check = readForm(form('  Welcome aboard!  '), [LANDING], 'mailbox');
    expect(check).toMatchObject({ ok: true, options: { personalMessage: 'Welcome aboard!' } });
    const tooLong = readForm(form('x'.repeat(1001)), [LANDING], 'mailbox');
    expect(tooLong).toMatchObject({ ok: false, errors: ['The personal note has 1001 characters; the limit is 1000.'] });
  });

  it.each(['microsoft', 'link'] as const)('is left out with %s delivery, so nothing shows it as sent (a form from before the setting changed)', (delivery) => {
    expect(readForm(form('x'.repeat(1001)), [LANDING], delivery)).toMatchObject({ ok: true, options: { personalMessage: '' } });
  });
});
