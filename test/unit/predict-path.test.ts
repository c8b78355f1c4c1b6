/**
 * The predictor against the documented redemption order (shared/domain/redemption-paths.md): one row per
 * path and per warning, with the tenant configuration that decides it.
 */
import { describe, expect, it } from 'vitest';
import { predictRedemption, type PathPrediction } from '../../src/domain/redemption/predict-path.js';
import { guestSteps, pathLabel, warningText } from '../../src/domain/redemption/path-guide.js';
import { predictionLabel } from '../../src/cards/path-words.js';
import { say } from '../../src/cards/say.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { translatorFor } from '../../src/i18n/translator.js';

const inLanguage = (language: string) => translatorFor({ locale: language });
import type { DomainFacts, TenantSnapshot } from '../../src/domain/redemption/tenant-snapshot.js';
import { actualPathFrom, predictionHeld } from '../../src/domain/redemption/actual-path.js';

const CONTOSO_DEFAULT: TenantSnapshot = {
  emailOtp: 'enabled',
  googleFederation: true,
  samlFederations: [{ displayName: 'Tailspin AD FS', issuerUri: 'https://sts.tailspin.com/adfs/services/trust', domains: ['tailspin.com'] }],
  redemptionOrder: { primary: ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'], fallback: 'defaultConfiguredIdp' },
  inbound: { default: 'allowed', partners: {} },
  unreadable: [],
  readAt: '2026-12-01T00:00:00Z',
};
const FABRIKAM: DomainFacts = { kind: 'entra-tenant', tenantId: 'fabrikam-tid', displayName: 'Fabrikam' };
const NONE: DomainFacts = { kind: 'no-tenant' };

type Row = [name: string, address: string, facts: DomainFacts, config: Partial<TenantSnapshot>, expected: Partial<PathPrediction>];

const rows: Row[] = [
  ['Entra organisation: work account, else the rest of the order', 'jane@fabrikam.com', FABRIKAM, {}, { path: 'entra', confidence: 'likely', via: 'Fabrikam', otherwise: { path: 'email-otp' }, warnings: [] }],
  ['SAML/WS-Fed federated domain', 'sam@tailspin.com', NONE, {}, { path: 'saml-federation', confidence: 'certain', via: 'Tailspin AD FS', warnings: [] }],
  ['Entra-verified domain that is also federated: Entra first, federation otherwise', 'jane@fabrikam.com', FABRIKAM,
    { samlFederations: [{ displayName: 'Fabrikam ADFS', issuerUri: 'https://sts.fabrikam.com', domains: ['fabrikam.com'] }] },
    { path: 'entra', otherwise: { path: 'saml-federation', via: 'Fabrikam ADFS' } }],
  ['redemption order puts federation first', 'jane@fabrikam.com', FABRIKAM,
    { samlFederations: [{ displayName: 'Fabrikam ADFS', issuerUri: 'https://sts.fabrikam.com', domains: ['fabrikam.com'] }], redemptionOrder: { primary: ['externalFederation', 'azureActiveDirectory', 'socialIdentityProviders'], fallback: 'defaultConfiguredIdp' } },
    { path: 'saml-federation', confidence: 'certain' }],
  ['Gmail with Google federation on', 'ann@gmail.com', NONE, {}, { path: 'google', confidence: 'certain', warnings: ['google-device-code'] }],
  ['Gmail with Google federation off and passcodes on', 'ann@gmail.com', NONE, { googleFederation: false }, { path: 'email-otp', confidence: 'depends-on-guest', otherwise: { path: 'microsoft-account' }, warnings: ['gmail-without-google'] }],
  ['googlemail.com counts as Gmail', 'ann@googlemail.com', NONE, {}, { path: 'google' }],
  ['Google Workspace domain is not Google federation', 'ann@workspace.example', NONE, {}, { path: 'email-otp' }],
  ['Microsoft consumer domain', 'kim@outlook.com', NONE, {}, { path: 'microsoft-account', confidence: 'certain' }],
  ['any other address: passcode, or an existing Microsoft account', 'lee@litware.org', NONE, {}, { path: 'email-otp', confidence: 'depends-on-guest', otherwise: { path: 'microsoft-account' } }],
  ['passcodes off: a new Microsoft account, or an existing one', 'lee@litware.org', NONE, { emailOtp: 'disabled' }, { path: 'new-microsoft-account', confidence: 'depends-on-guest', warnings: ['new-microsoft-account'] }],
  ['Microsoft account fallback off: passcode for everyone, consumer domains too', 'kim@outlook.com', NONE, { redemptionOrder: { primary: ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'], fallback: 'emailOneTimePasscode' } }, { path: 'email-otp', confidence: 'certain' }],
  ['fallback Microsoft account only', 'lee@litware.org', NONE, { redemptionOrder: { primary: ['azureActiveDirectory'], fallback: 'microsoftAccount' } }, { path: 'new-microsoft-account', confidence: 'depends-on-guest', otherwise: { path: 'microsoft-account' } }],
  ['inbound B2B blocked by default', 'jane@fabrikam.com', FABRIKAM, { inbound: { default: 'blocked', partners: {} } }, { path: 'blocked', confidence: 'certain', warnings: ['inbound-blocked'] }],
  ['inbound blocked for one partner only', 'jane@fabrikam.com', FABRIKAM, { inbound: { default: 'allowed', partners: { 'fabrikam-tid': 'blocked' } } }, { path: 'blocked' }],
  ['a partner allowed while the default blocks', 'jane@fabrikam.com', FABRIKAM, { inbound: { default: 'blocked', partners: { 'fabrikam-tid': 'allowed' } } }, { path: 'entra' }],
  ['inbound limited to some users and groups', 'jane@fabrikam.com', FABRIKAM, { inbound: { default: 'some', partners: {} } }, { path: 'entra', warnings: ['inbound-some'] }],
  ['domain not checked (discovery failed)', 'lee@litware.org', { kind: 'unknown' }, {}, { path: 'email-otp', warnings: ['domain-unchecked'] }],
  ['configuration partly unreadable: defaults assumed, and said', 'lee@litware.org', NONE, { unreadable: [{ part: 'email passcode', permission: 'Policy.Read.All' }], emailOtp: undefined }, { path: 'email-otp', warnings: ['configuration-unreadable'] }],
  ['Entra user not there, passcodes off: new Microsoft account otherwise', 'jane@fabrikam.com', FABRIKAM, { emailOtp: 'disabled' }, { path: 'entra', otherwise: { path: 'new-microsoft-account' } }],
];

describe('predictRedemption', () => {
  it.each(rows)('%s', (_name, address, facts, config, expected) => {
    const prediction = predictRedemption(address, facts, { ...CONTOSO_DEFAULT, ...config });
    expect(prediction).toMatchObject(expected);
  });

  it.each(rows)('%s: has a label, guest steps and words for every warning in every language', (_name, address, facts, config) => {
    const prediction = predictRedemption(address, facts, { ...CONTOSO_DEFAULT, ...config });
    expect(guestSteps(prediction.path, prediction.via).length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      expect(predictionLabel(inLanguage(language), prediction)).not.toBe('');
      for (const step of guestSteps(prediction.path, prediction.via)) expect(say(inLanguage(language), step)).toMatch(/[.:]$/);
      for (const warning of prediction.warnings) {
        expect(warningText(warning)).toEqual({ id: `paths:warning.${warning}` });
        expect(say(inLanguage(language), warningText(warning))).toMatch(/\.$/);
      }
    }
  });

  it('labels both branches when the path depends on the guest', () => {
    const depends = predictRedemption('lee@litware.org', NONE, CONTOSO_DEFAULT);
    const fabrikam = predictRedemption('jane@fabrikam.com', FABRIKAM, CONTOSO_DEFAULT);
    expect(predictionLabel(inLanguage('en'), depends)).toBe('Email passcode or Microsoft account');
    expect(predictionLabel(inLanguage('en'), fabrikam)).toBe('Work account (Fabrikam) or Email passcode');
    expect(predictionLabel(inLanguage('de'), depends)).toBe('Einmalpasscode per E-Mail oder Microsoft-Konto');
    expect(predictionLabel(inLanguage('fr'), fabrikam)).toBe('Compte professionnel (Fabrikam) ou Code secret à usage unique par e-mail');
  });

  it('a path label is a code with the organisation it names', () => {
    expect(pathLabel('entra', 'Fabrikam')).toEqual({ id: 'paths:label.entra', values: { via: 'Fabrikam', named: 'yes' } });
    expect(say(inLanguage('en'), pathLabel('entra'))).toBe('Work account');
    expect(say(inLanguage('de'), pathLabel('saml-federation', 'adfs.fabrikam.com'))).toBe('Anmeldung der eigenen Organisation (adfs.fabrikam.com)');
  });

  it('the passcode steps give the documented 30-minute code and 24-hour session, in every language', () => {
    const steps = (language: string) => guestSteps('email-otp').map((step) => say(inLanguage(language), step)).join(' ');
    expect(steps('en')).toMatch(/30 minutes[\s\S]*24 hours/);
    expect(steps('de')).toMatch(/30 Minuten[\s\S]*24 Stunden/);
    expect(steps('fr')).toMatch(/30 minutes[\s\S]*24 heures/);
  });

  it('the guest’s steps name the organisation they sign in at, in the reader’s language', () => {
    const said = (language: string) => guestSteps('entra', 'Fabrikam').map((step) => say(inLanguage(language), step));
    expect(said('en')[1]).toBe('Sign in with your work account at Fabrikam, as you do every day, including its multi-factor sign-in.');
    expect(said('de')[1]).toContain('Geschäftskonto bei Fabrikam');
    expect(said('fr')[1]).toContain('compte professionnel chez Fabrikam');
    expect(say(inLanguage('de'), guestSteps('entra')[1]!)).not.toContain(' bei ');
  });
});

describe('the path a guest really took', () => {
  const contoso = ['contoso.com', 'contoso.onmicrosoft.com'];
  it.each([
    [[{ signInType: 'federated', issuer: 'ExternalAzureAD', issuerAssignedId: 'x' }], 'entra'],
    [[{ signInType: 'federated', issuer: 'MicrosoftAccount' }], 'microsoft-account'],
    [[{ signInType: 'federated', issuer: 'google.com' }], 'google'],
    [[{ signInType: 'federated', issuer: 'mail' }], 'email-otp'],
    [[{ signInType: 'federated', issuer: 'https://sts.tailspin.com/adfs/services/trust' }], 'saml-federation'],
    [[{ signInType: 'userPrincipalName', issuer: 'contoso.onmicrosoft.com' }], undefined],
    [[], undefined],
  ])('%j → %s', (identities, expected) => {
    expect(actualPathFrom(identities, contoso)).toBe(expected);
  });

  it('a prediction holds on its path or on the branch it named, a new Microsoft account counting as one', () => {
    expect(predictionHeld({ path: 'email-otp', otherwise: { path: 'microsoft-account' } }, 'microsoft-account')).toBe(true);
    expect(predictionHeld({ path: 'new-microsoft-account' }, 'microsoft-account')).toBe(true);
    expect(predictionHeld({ path: 'google' }, 'email-otp')).toBe(false);
  });
});
