import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/domain/addresses/plain-text.js';
import { HELP_ENTRIES, errorCodeLookupUrl, helpForCode, type HelpKey, type SituationKey } from '../../src/domain/redemption/help-knowledge.js';
import { MAX_QUESTION_LENGTH, understandQuestion as understandEnglishRules, type HelpTopic } from '../../src/domain/redemption/help-question.js';
import { helpAnswerCard } from '../../src/cards/help-cards.js';
import { helpPhrasings, helpWords } from '../../src/cards/help-words.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { translatorFor } from '../../src/i18n/translator.js';

/** As the bot asks: with every language's phrasings from the content files. */
const understandQuestion = (text: string) => understandEnglishRules(text, helpPhrasings());
const inLanguage = (language: string) => translatorFor({ locale: language });

/** The codes of the team's fact sheet redemption-errors.md, in its order. */
const FACT_SHEET_CODES = [
  '50020', '90072', '16000', '50034', '51004', '50014', '500212', '500213', '50105', '65004', '90094', '90095', '700016',
  '53003', '50076', '50079', '50177', '1000104', '500571', '50107', '65005', '90071', '500141',
];

const SITUATION_KEYS: SituationKey[] = [
  'invitation-not-received', 'custom-message-missing', 'link-expired-or-used', 'wrong-account-signed-in', 'redeemed-with-wrong-account',
  'cannot-find-organisation', 'passcode-problem', 'gmail-embedded-sign-in', 'alias-or-email-not-upn', 'proxy-address-conflict',
  'network-restricts-organisations', 'passcode-turned-off-after-redemption',
];

const REQUEST_ID = '2d8c7d3e-5f0a-4b8a-9c2e-8e3f8c1a2b00';
const CORRELATION_ID = '7f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const TIMESTAMP = '2025-03-04T10:22:31.123Z';

/** The sign-in error page as a guest copies it from the browser (Troubleshooting details included). */
function errorPage(message: string): string {
  return [
    'Microsoft',
    'Sign in',
    "Sorry, but we're having trouble signing you in.",
    '',
    message,
    '',
    'Troubleshooting details',
    'If you contact your administrator, send this info to them.',
    'Copy info to clipboard',
    `Request Id: ${REQUEST_ID}`,
    `Correlation Id: ${CORRELATION_ID}`,
    `Timestamp: ${TIMESTAMP}`,
    `Message: ${message}`,
    '',
    'Advanced diagnostics: Disable',
    'If you plan on getting support for an issue, turn this on and try to reproduce the error. This will collect additional information that will help troubleshoot the issue.',
  ].join('\n');
}

const ERROR_MESSAGES: [code: string, message: string][] = [
  ['50020', "AADSTS50020: User account 'jane@contoso.com' from identity provider 'live.com' does not exist in tenant 'Fabrikam' and cannot access the application '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'(Microsoft Teams Web Client) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account."],
  ['90072', "AADSTS90072: User account 'jane@contoso.com' from identity provider 'https://sts.windows.net/3f1e2d3c-0000-4b5a-8a9b-0c1d2e3f4a5b/' does not exist in tenant 'Fabrikam' and cannot access the application in that tenant."],
  ['16000', "AADSTS16000: User account '{EmailHidden}' from identity provider 'live.com' does not exist in tenant 'Fabrikam' and cannot access the application 'Microsoft Teams'(Microsoft Teams) in that tenant."],
  ['50034', 'AADSTS50034: The user account {EmailHidden} does not exist in the fabrikam.onmicrosoft.com directory. To sign into this application, the account must be added to the directory.'],
  ['51004', 'AADSTS51004: The user account jane@contoso.com does not exist in the directory.'],
  ['50014', 'AADSTS50014: GuestUserInPendingState - The user account jane@contoso.com has not redeemed the invitation yet.'],
  ['500212', "AADSTS500212: NotAllowedByOutboundPolicyTenant - The user's administrator has set an outbound access policy that doesn't allow access to the resource tenant."],
  ['500213', "AADSTS500213: NotAllowedByInboundPolicyTenant - The resource tenant's cross-tenant access policy doesn't allow this user to access this tenant."],
  ['50105', "AADSTS50105: Your administrator has configured the application Contoso HR ('8a1b2c3d-0000-4b5a-8a9b-0c1d2e3f4a5b') to block users unless they are specifically granted ('assigned') access to the application."],
  ['65004', 'AADSTS65004: User declined to consent to access the app.'],
  ['90094', 'AADSTS90094: The grant requires admin permission.'],
  ['90095', 'AADSTS90095: Admin consent is required for the permissions requested by this application. An admin consent request may be sent to the admin.'],
  ['700016', "AADSTS700016: Application with identifier '1b2c3d4e-0000-4b5a-8a9b-0c1d2e3f4a5b' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."],
  ['53003', 'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.'],
  ['50076', "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access 'Microsoft Teams'."],
  ['50079', "AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access 'Microsoft Teams'."],
  ['50177', 'AADSTS50177: User account jane@contoso.com from identity provider https://sts.windows.net/x/ - External challenge is not supported for passthrough users.'],
  ['1000104', 'AADSTS1000104: XCB2BResourceCloudNotAllowedOnIdentityTenant - Resource cloud AzureUSGovernment is not allowed on identity tenant Contoso.'],
  ['500571', 'AADSTS500571: The guest user account is disabled.'],
  ['50107', "AADSTS50107: The requested federation realm object 'https://idp.contoso.com/adfs/services/trust' does not exist."],
  ['65005', 'AADSTS65005: The app Microsoft Teams is currently not supported for your company contoso.com. Your company is currently in an unmanaged state and needs an Administrator to claim ownership of the company by DNS validation of contoso.com before the application can be provisioned.'],
  ['90071', 'AADSTS90071: An admin from Contoso must first sign in and accept inbound MFA for B2B direct connect before this shared channel can be used.'],
  ['500141', 'AADSTS500141: The redemption process was completed but the request was not initiated by the target application.'],
];

const situationKeys = (topics: readonly HelpTopic[]): HelpKey[] => topics.flatMap((topic) => (topic.kind === 'situation' ? [topic.entry.key] : []));
const codesOf = (topics: readonly HelpTopic[]): string[] => topics.flatMap((topic) => (topic.kind === 'situation' ? [] : [topic.code]));

describe('help knowledge', () => {
  it('has one entry for every code of the fact sheet and for every situation, nothing else', () => {
    expect(HELP_ENTRIES.flatMap((entry) => (entry.code === null ? [] : [entry.code]))).toEqual(FACT_SHEET_CODES);
    expect(HELP_ENTRIES.filter((entry) => entry.code === null).map((entry) => entry.key)).toEqual(SITUATION_KEYS);
    expect(new Set(HELP_ENTRIES.map((entry) => entry.key)).size).toBe(HELP_ENTRIES.length);
  });

  const entriesInEachLanguage = LANGUAGES.flatMap((language) => HELP_ENTRIES.map((entry) => [language, entry.key, entry] as const));

  it.each(entriesInEachLanguage)('%s: %s is short plain text with steps for both sides', (language, key, entry) => {
    const words = helpWords(inLanguage(language), key);
    // German and French run longer than English for the same sentence.
    const room = language === 'en' ? 1 : 1.3;
    expect(key).toBe(entry.code === null ? key : `aadsts-${entry.code}`);
    expect(words.title.length).toBeGreaterThan(5);
    expect(words.title.length).toBeLessThanOrEqual(60 * room);
    expect(words.meaning.length).toBeLessThanOrEqual(320 * room);
    expect(words.guestSteps.length).toBeGreaterThan(0);
    expect(words.inviterSteps.length).toBeGreaterThan(0);
    for (const text of [words.title, words.meaning, ...words.guestSteps, ...words.inviterSteps]) {
      expect(text.trim()).toBe(text);
      expect(text.length).toBeGreaterThan(0);
      // Shown in TextRuns: markdown or HTML would show as is.
      expect(text).not.toMatch(/[*_`#<>[\]]|\]\(|&[a-z]+;|\n/);
      // Straight apostrophes are ICU's quoting character; the catalogue writes ’.
      expect(text).not.toContain("'");
    }
  });

  it.each(['de', 'fr'] as const)('%s says every entry in its own words, never falling back to English', (language) => {
    for (const { key } of HELP_ENTRIES) {
      const own = helpWords(inLanguage(language), key);
      const english = helpWords(inLanguage('en'), key);
      expect(own.title).not.toBe(english.title);
      expect(own.meaning).not.toBe(english.meaning);
    }
  });

  it.each([
    ['en', /not confirmed/i],
    ['de', /nicht bestätigt/i],
    ['fr', /non confirmé/i],
  ] as const)('%s keeps the fact sheet caution where Microsoft does not confirm the cause or advice', (language, caution) => {
    for (const code of ['65004', '50177', '500141']) {
      const words = helpWords(inLanguage(language), helpForCode(code)!.key);
      expect([words.meaning, ...words.guestSteps, ...words.inviterSteps].join(' ')).toMatch(caution);
    }
  });

  it('uses Microsoft’s own terms in German and French', () => {
    const say = (language: string, key: HelpKey) => Object.values(helpWords(inLanguage(language), key)).flat().join(' ');
    expect(say('de', 'passcode-problem')).toContain('Einmalpasscode');
    expect(say('fr', 'passcode-problem')).toContain('code secret à usage unique');
    expect(say('de', 'aadsts-500213')).toContain('mandantenübergreifenden Zugriffseinstellungen');
    expect(say('fr', 'aadsts-500213')).toContain('accès interlocataire');
    expect(say('de', 'aadsts-53003')).toContain('bedingter Zugriff');
    expect(say('fr', 'aadsts-53003')).toContain('accès conditionnel');
    expect(say('de', 'wrong-account-signed-in')).toContain('„Anderes Konto verwenden“');
    expect(say('fr', 'wrong-account-signed-in')).toContain('« Utiliser un autre compte »');
    // Formal address: Sie and vous, never du or tu.
    for (const { key } of HELP_ENTRIES) {
      expect(say('de', key)).not.toMatch(/(?<!\p{L})(du|dich|dir|dein|deine|deinen|deiner)(?!\p{L})/iu);
      expect(say('fr', key)).not.toMatch(/(?<!\p{L})(tu|toi|ton|ta|tes)(?!\p{L})/iu);
    }
  });

  it('offers a fix only where the bot can do it for the inviter', () => {
    const fixes = Object.fromEntries(HELP_ENTRIES.filter((entry) => entry.fixAction !== null).map((entry) => [entry.key, entry.fixAction]));
    expect(fixes).toMatchObject({
      'invitation-not-received': 'resend',
      'redeemed-with-wrong-account': 'reset-redemption',
      'passcode-turned-off-after-redemption': 'reset-redemption',
      'custom-message-missing': 'copy-link',
      'aadsts-50014': 'resend',
    });
    expect(helpForCode('500212')).toMatchObject({ whoMustAct: 'home-admin', fixAction: null });
    expect(helpForCode('1000104')).toMatchObject({ whoMustAct: 'both-admins' });
  });

  it("links every code to Microsoft's lookup page", () => {
    expect(errorCodeLookupUrl('50020')).toBe('https://login.microsoftonline.com/error?code=50020');
  });
});

describe('understandQuestion: codes in a pasted error page', () => {
  it.each(ERROR_MESSAGES)('AADSTS%s', (code, message) => {
    const { topics, ids } = understandQuestion(errorPage(message));
    const first = topics[0]!;
    expect(first.kind).toBe('error-code');
    if (first.kind !== 'error-code') return;
    expect(first.code).toBe(code);
    expect(first.entry.key).toBe(`aadsts-${code}`);
    expect(helpWords(inLanguage('en'), first.entry.key).guestSteps.length).toBeGreaterThan(0);
    expect(first.lookupUrl).toBe(`https://login.microsoftonline.com/error?code=${code}`);
    // The page names the code twice (heading and Message): it is answered once.
    expect(codesOf(topics)).toEqual([code]);
    expect(ids).toEqual({ requestId: REQUEST_ID, correlationId: CORRELATION_ID, timestamp: TIMESTAMP });
  });

  it.each([
    ['AADSTS50020', '50020'],
    ['aadsts 50020', '50020'],
    ['Aadsts50020', '50020'],
    ['AADSTS-50020', '50020'],
    ['AADSTS: 50020', '50020'],
    ['error AADSTS50020: User account', '50020'],
    ['(AADSTS500571)', '500571'],
    ['"error_codes":[50020] "error_description":"AADSTS50020: User account', '50020'],
    ['<p>I get <b>AADSTS53003</b> every time</p>', '53003'],
  ])('reads the code in %j', (text, code) => {
    expect(codesOf(understandQuestion(text).topics)).toEqual([code]);
  });

  it('reads a code inside a long paste', () => {
    const text = `${'Some earlier chat about the project. '.repeat(2000)}then this: AADSTS50105: Your administrator has configured the application. ${'More text. '.repeat(2000)}`;
    expect(codesOf(understandQuestion(text).topics)).toEqual(['50105']);
  });

  it('answers several codes in the order they appear', () => {
    const topics = understandQuestion('First AADSTS53003, then after a retry AADSTS50076, and once AADSTS53003 again.').topics;
    expect(codesOf(topics)).toEqual(['53003', '50076']);
  });

  it('takes only 5 to 7 digits', () => {
    expect(understandQuestion('AADSTS1234 and AADSTS12345678 and 50020 alone').topics).toEqual([]);
  });

  it.each([
    ['AADSTS7000215: Invalid client secret provided.', '7000215'],
    ['AADSTS500021: Access to fabrikam tenant is denied.', '500021'],
    ['aadsts 99999', '99999'],
  ])('answers an unknown code in %j with the lookup page', (text, code) => {
    expect(understandQuestion(text).topics).toEqual([
      { kind: 'unknown-code', code, lookupUrl: `https://login.microsoftonline.com/error?code=${code}` },
    ]);
  });

  it('puts known codes before unknown ones', () => {
    expect(codesOf(understandQuestion('AADSTS7000215 then AADSTS50020').topics)).toEqual(['50020', '7000215']);
  });
});

describe('understandQuestion: situations in everyday words', () => {
  const rows: [SituationKey, string][] = [
    ['invitation-not-received', "I didn't get the email"],
    ['invitation-not-received', 'Hi, no invite here yet'],
    ['invitation-not-received', 'The invitation never arrived.'],
    ['invitation-not-received', 'I have not received any invitation from Fabrikam'],
    ['custom-message-missing', 'My personal note is missing from the invitation email'],
    ['custom-message-missing', "The custom message wasn't in the mail Jane got"],
    ['custom-message-missing', 'Why did the invitation go out without my personal message?'],
    ['link-expired-or-used', 'The link expired'],
    ['link-expired-or-used', "the link doesn't work anymore"],
    ['link-expired-or-used', 'It says the invitation was already used'],
    ['wrong-account-signed-in', 'I signed in with the wrong account'],
    ['wrong-account-signed-in', 'wrong email'],
    ['wrong-account-signed-in', 'It keeps taking me to my personal account'],
    ['redeemed-with-wrong-account', 'I accepted the invitation with my personal account by mistake'],
    ['redeemed-with-wrong-account', 'She redeemed it with a different account, can we reset the redemption?'],
    ['cannot-find-organisation', "I can't find the team"],
    ['cannot-find-organisation', "I don't see the organisation in Teams"],
    ['cannot-find-organisation', 'How do I switch tenant?'],
    ['passcode-problem', 'The code never came'],
    ['passcode-problem', 'It asks for a one-time passcode but nothing arrives'],
    ['passcode-problem', 'I typed the verification code and it was not accepted'],
    ['gmail-embedded-sign-in', "Gmail in Teams doesn't work"],
    ['gmail-embedded-sign-in', 'Can not sign in with my Google account in the Teams desktop app'],
    ['gmail-embedded-sign-in', 'Bad Request - Header too long'],
    ['gmail-embedded-sign-in', "I use Gmail and can't sign into Teams desktop"],
    ['alias-or-email-not-upn', 'I was invited at my alias'],
    ['alias-or-email-not-upn', 'My email is different from my user name at work'],
    ['alias-or-email-not-upn', 'The UPN is not the email address we invited'],
    ['proxy-address-conflict', 'The guest has no proxyAddresses'],
    ['proxy-address-conflict', 'There is a conflicting contact with the same email in our directory'],
    ['network-restricts-organisations', 'Your network administrator has restricted what organizations can be accessed'],
    ['network-restricts-organisations', 'Our firewall blocks other organisations, I think (tenant restrictions)'],
    ['passcode-turned-off-after-redemption', 'We turned off OTP and now old guests cannot sign in'],
    ['passcode-turned-off-after-redemption', 'Since we disabled email one-time passcode the guests are locked out'],
  ];

  it('has phrasings for every situation', () => {
    expect(new Set(rows.map(([key]) => key))).toEqual(new Set(SITUATION_KEYS));
  });

  it.each(rows)('%s: %j', (key, text) => {
    const keys = situationKeys(understandQuestion(text).topics);
    expect(keys[0]).toBe(key);
  });

  it('answers the more specific situation first and drops the general one it covers', () => {
    expect(situationKeys(understandQuestion('I accepted with the wrong account').topics)).toEqual(['redeemed-with-wrong-account']);
    expect(situationKeys(understandQuestion('We turned off OTP; the guests never get a code').topics)).toEqual(['passcode-turned-off-after-redemption']);
  });

  it('answers several situations in one message', () => {
    const keys = situationKeys(understandQuestion("The invitation never arrived, and now I can't find the team").topics);
    expect(keys).toEqual(['cannot-find-organisation', 'invitation-not-received']);
  });

  it('puts a code before the situations', () => {
    const topics = understandQuestion("I signed in with the wrong account and got AADSTS50020").topics;
    expect(topics.map((topic) => (topic.kind === 'situation' ? topic.entry.key : topic.code))).toEqual(['50020', 'wrong-account-signed-in']);
  });
});

describe('understandQuestion: situations asked in German and French', () => {
  const rows: [SituationKey, string][] = [
    ['invitation-not-received', 'Ich habe die Einladung nicht erhalten.'],
    ['invitation-not-received', 'Bei mir ist keine E-Mail angekommen'],
    ['invitation-not-received', 'Je n’ai pas reçu l’invitation.'],
    ['invitation-not-received', 'L’e-mail d’invitation n’est jamais arrivé'],
    ['custom-message-missing', 'Meine persönliche Nachricht fehlt in der Einladung'],
    ['custom-message-missing', 'Le message personnel est absent de l’e-mail'],
    ['link-expired-or-used', 'Der Link ist abgelaufen'],
    ['link-expired-or-used', 'Der Einladungslink funktioniert nicht mehr… der Link geht nicht'],
    ['link-expired-or-used', 'le lien a expiré'],
    ['link-expired-or-used', 'Le lien ne fonctionne plus'],
    ['wrong-account-signed-in', 'Ich bin mit dem falschen Konto angemeldet'],
    ['wrong-account-signed-in', 'Je suis connecté avec le mauvais compte'],
    ['redeemed-with-wrong-account', 'Sie hat die Einladung mit dem falschen Konto angenommen'],
    ['redeemed-with-wrong-account', 'Il a accepté l’invitation avec son autre compte'],
    ['cannot-find-organisation', 'Ich finde das Team nicht'],
    ['cannot-find-organisation', 'Je ne trouve pas l’organisation dans Teams'],
    ['passcode-problem', 'Der Einmalpasscode kommt nicht an'],
    ['passcode-problem', 'Le code secret à usage unique n’arrive pas'],
    ['gmail-embedded-sign-in', 'Die Anmeldung mit Gmail in der Teams-App klappt nicht'],
    ['gmail-embedded-sign-in', 'Gmail ne marche pas dans Teams'],
    ['alias-or-email-not-upn', 'Ich wurde an meinen Alias eingeladen'],
    ['alias-or-email-not-upn', 'On m’a invité à mon alias'],
    ['proxy-address-conflict', 'Ein Kontakt hat die gleiche E-Mail-Adresse'],
    ['proxy-address-conflict', 'Il y a un conflit d’adresse avec un contact'],
    ['network-restricts-organisations', 'Unser Netzwerk blockiert andere Organisationen (Mandanteneinschränkungen)'],
    ['network-restricts-organisations', 'Les restrictions de locataire de notre réseau bloquent l’accès'],
    ['passcode-turned-off-after-redemption', 'Wir haben den Einmalpasscode deaktiviert, jetzt kommen alte Gäste nicht mehr rein'],
    ['passcode-turned-off-after-redemption', 'Nous avons désactivé les codes secrets à usage unique'],
  ];

  it('has German and French phrasings for every situation', () => {
    expect(new Set(rows.map(([key]) => key))).toEqual(new Set(SITUATION_KEYS));
  });

  it.each(rows)('%s: %j', (key, text) => {
    expect(situationKeys(understandQuestion(text).topics)[0]).toBe(key);
  });

  it('drops the general situation a specific one covers, in German too', () => {
    expect(situationKeys(understandQuestion('Ich habe die Einladung mit dem falschen Konto angenommen').topics)).toEqual(['redeemed-with-wrong-account']);
  });

  it('every phrasing in the content files recognises its own situation when said plainly', () => {
    const problems: string[] = [];
    for (const [situation, phrases] of Object.entries(helpPhrasings())) {
      for (const phrase of phrases ?? []) {
        const plain = phrase.replace(/…/g, ' ').replace(/\*/g, '');
        const keys = situationKeys(understandQuestion(plain).topics);
        if (!keys.includes(situation as SituationKey)) problems.push(`${situation}: ${JSON.stringify(phrase)} reads as [${keys.join(', ')}]`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('needs the phrasings from the content files: the English rules alone do not read German', () => {
    expect(understandEnglishRules('Der Link ist abgelaufen').topics).toEqual([]);
    expect(situationKeys(understandEnglishRules('Der Link ist abgelaufen', { 'link-expired-or-used': ['link … abgelaufen'] }).topics)).toEqual(['link-expired-or-used']);
  });

  it('reads a wildcard word and a bounded gap, and no further', () => {
    const phrasings = { 'invitation-not-received': ['einladung* … erhalten'] } as const;
    expect(situationKeys(understandEnglishRules('Die Einladungsmail habe ich nicht erhalten', phrasings).topics)).toEqual(['invitation-not-received']);
    expect(situationKeys(understandEnglishRules('Die Einladung kam, und ich habe sie leider gar nicht erhalten', phrasings).topics)).toEqual([]);
    // A sentence end stops a phrase, as in English.
    expect(situationKeys(understandEnglishRules('Die Einladung. Erhalten', phrasings).topics)).toEqual([]);
  });

  // A code means the same in every language: asked in German or French it is answered for that code, in the asker's words.
  it('answers a question with an AADSTS code for that code in every language', () => {
    const codes = HELP_ENTRIES.flatMap((entry) => (entry.code === null ? [] : [entry.code]));
    const framing = fc.constantFrom(
      (code: string) => `I get AADSTS${code} when I open the link`,
      (code: string) => `Ich bekomme den Fehler AADSTS${code}, was soll ich tun?`,
      (code: string) => `Beim Anmelden kommt „AADSTS${code}: …“ und der Link ist abgelaufen`,
      (code: string) => `J’obtiens l’erreur AADSTS${code} quand j’ouvre le lien.`,
      (code: string) => `Erreur : aadsts ${code} — le lien a expiré ?`,
    );
    fc.assert(
      fc.property(fc.constantFrom(...codes), framing, fc.constantFrom(...LANGUAGES), (code, frame, language) => {
        const [first] = understandQuestion(frame(code)).topics;
        expect(first).toMatchObject({ kind: 'error-code', code });
        if (first?.kind !== 'error-code') return;
        const words = helpWords(inLanguage(language), first.entry.key);
        expect(words.title).toBe(translatorFor({ locale: language }).t(`help:entries.aadsts-${code}.title`));
        const card = JSON.stringify(helpAnswerCard(inLanguage(language), { topics: [first], ids: {} }));
        expect(card).toContain(words.title);
        expect(card).toContain(`login.microsoftonline.com/error?code=${code}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the help answer card in each language', () => {
  const question = understandQuestion('AADSTS50020 and I never got the email');

  it.each([
    ['en', 'Signed in with an account that was not invited', 'Sign out, or open the invitation link in a private', 'Usually the browser signed in on its own'],
    ['de', 'Mit einem nicht eingeladenen Konto angemeldet', 'Melden Sie sich ab, oder öffnen Sie den Einladungslink', 'Meist hat der Browser sich von selbst'],
    ['fr', 'Connexion avec un compte qui n’a pas été invité', 'Déconnectez-vous, ou ouvrez le lien d’invitation', 'le navigateur s’est connecté tout seul'],
  ] as const)('%s', (language, title, firstStep, meaning) => {
    // The card's own words (who must act, "First, …") are the card's catalogue; the entries' words are help.json's.
    const card = JSON.stringify(helpAnswerCard(inLanguage(language), question));
    expect(card).toContain(title);
    expect(card).toContain(firstStep);
    expect(card).toContain(meaning);
    expect(card).toContain(helpWords(inLanguage(language), 'invitation-not-received').title);
  });

});

describe('understandQuestion: ids an admin needs', () => {
  it('reads the ids of an OAuth error response', () => {
    const text = `{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change ... Trace ID: ${REQUEST_ID} Correlation ID: ${CORRELATION_ID} Timestamp: 2025-03-04 10:22:31Z","error_codes":[50076],"timestamp":"2025-03-04 10:22:31Z","trace_id":"${REQUEST_ID}","correlation_id":"${CORRELATION_ID}"}`;
    expect(understandQuestion(text).ids).toEqual({ traceId: REQUEST_ID, correlationId: CORRELATION_ID, timestamp: '2025-03-04 10:22:31Z' });
  });

  it('reads ids typed into a chat message', () => {
    const text = `correlation id is ${CORRELATION_ID.toUpperCase()}, timestamp = 2025-03-04T10:22:31Z`;
    expect(understandQuestion(text).ids).toEqual({ correlationId: CORRELATION_ID.toUpperCase(), timestamp: '2025-03-04T10:22:31Z' });
  });

  it('leaves out labels without a GUID-shaped value', () => {
    expect(understandQuestion('Correlation ID: (not shown) Request Id: 1234 Timestamp: yesterday').ids).toEqual({});
    expect(understandQuestion(`Correlation ID: ${CORRELATION_ID}0`).ids).toEqual({});
  });
});

describe('understandQuestion: nothing to answer', () => {
  it.each(['', '   \n\t', 'hello', 'Thanks, see you tomorrow!', 'invite jane@fabrikam.com', 'help', 'What can you do?', 'No, the meeting is at 3.',
    'please invite another user', 'send it to my work email please', 'No email address on file', 'can you help me with Teams?'])('%j', (text) => {
    expect(understandQuestion(text)).toEqual({ topics: [], ids: {} });
  });

  it('reads no further than the message limit', () => {
    const text = `${' '.repeat(MAX_QUESTION_LENGTH - 5)}AADSTS50020`;
    expect(understandQuestion(text).topics).toEqual([]);
  });
});

describe('understandQuestion properties', () => {
  const piece = fc.constantFrom(
    'AADSTS', 'aadsts ', '50020', '7000215', '1234567', '5', ':', '-', ' ', '\n', '.', "'", 'didn’t', 'no', 'not', 'get', 'email',
    'invite', 'link', 'expired', 'code', 'team', 'wrong', 'account', 'gmail', 'in', 'teams', 'otp', 'off', 'turned', 'Correlation ID:',
    'Timestamp:', CORRELATION_ID, '2025-03-04T10:22:31Z', '<p>', '</p>', '&amp;', '&lt;', 'é', '\u0000', '\ud800',
  );
  const pasteLike = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), pasteLike);

  it('never throws, and answers only with entries of the knowledge', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { topics } = understandQuestion(text);
        for (const topic of topics) {
          if (topic.kind !== 'unknown-code') expect(HELP_ENTRIES).toContain(topic.entry);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never invents a code: each one is in the input, after "AADSTS"', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        // Teams may draw markup inside a message, so the prefix is checked on the plain text.
        const plain = toPlainText(text).toLowerCase().replace(/[\s:#-]/g, '');
        for (const code of codesOf(understandQuestion(text).topics)) {
          expect(code).toMatch(/^\d{5,7}$/);
          expect(text).toContain(code);
          expect(plain).toContain(`aadsts${code}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  // Questions people write, with and without an error page, and chat around them that asks nothing.
  const question = fc.constantFrom(
    ...chatQuestions(),
    ...ERROR_MESSAGES.map(([, message]) => errorPage(message)),
    'AADSTS7000215: Invalid client secret provided.',
    'nothing to see here',
  );
  const noiseWord = fc.constantFrom('hello', 'thanks', 'Hi team', 'regards', 'Jane', 'meeting', 'at', '3pm', 'the', 'project', 'please', 'ok', ':)', 'see', 'below', '2025');
  const noise = fc.array(noiseWord, { maxLength: 12 }).map((words) => words.join(' '));

  function chatQuestions(): string[] {
    return ['I didn’t get the email', 'The link expired', 'Gmail in Teams does not work', 'We turned off OTP', 'I can’t find the team', 'signed in with my personal account'];
  }

  it('answers the same when chat surrounds the question', () => {
    fc.assert(
      fc.property(question, noise, noise, fc.constantFrom('\n', '.\n', '\n\n', '! '), (text, before, after, separator) => {
        expect(understandQuestion(`${before}${separator}${text}${separator}${after}`)).toEqual(understandQuestion(text));
      }),
      { numRuns: 1000 },
    );
  });

  // Their timing is printed by npm run bench, never asserted here.
  it('answers hostile pastes of the maximum length without throwing', () => {
    const hostile = [
      'didnt '.repeat(MAX_QUESTION_LENGTH / 6),
      'no '.repeat(MAX_QUESTION_LENGTH / 3),
      'AADSTS'.repeat(MAX_QUESTION_LENGTH / 6),
      'aadsts   '.repeat(MAX_QUESTION_LENGTH / 9),
      'correlation id: '.repeat(MAX_QUESTION_LENGTH / 16),
      `${'a'.repeat(40)} `.repeat(MAX_QUESTION_LENGTH / 41),
      'link '.repeat(MAX_QUESTION_LENGTH / 5),
      '<a '.repeat(MAX_QUESTION_LENGTH / 3),
      '1'.repeat(MAX_QUESTION_LENGTH),
    ];
    for (const text of hostile) expect(() => understandQuestion(text)).not.toThrow();
  });
});
