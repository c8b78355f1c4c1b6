import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactEmails } from '../../src/app/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

describe('logger', () => {
  it('redacts addresses in messages, fields, nested values and errors', () => {
    const { logger, lines } = capture();
    logger.info({ who: 'jane.doe@fabrikam.com', nested: { list: ['Ann <ann@northwind.com>'] } }, 'inviting bob@tailspin.com');
    logger.error({ err: new Error('failed for carl@litware.org') }, 'oops');
    const out = lines.join('');
    expect(out).toContain('j***@fabrikam.com');
    expect(out).toContain('a***@northwind.com');
    expect(out).toContain('b***@tailspin.com');
    expect(out).toContain('c***@litware.org');
    expect(out).not.toMatch(/jane\.doe@|ann@|bob@|carl@/);
  });

  it('censors secrets and tokens by key', () => {
    const { logger, lines } = capture();
    logger.info({ clientSecret: 'abc', headers: { authorization: 'Bearer xyz' }, inviteRedeemUrl: 'https://login/redeem?ticket=t' }, 'config');
    const out = lines.join('');
    expect(out).not.toMatch(/abc|xyz|ticket=t/);
    expect(out).toContain('[secret]');
  });

  it('redactEmails leaves text without addresses alone', () => {
    expect(redactEmails('no address here @ all')).toBe('no address here @ all');
  });
});

describe('logger errors', () => {
  it.each(['err', 'error'])('keeps the type, message, stack and cause of an error logged under %s, redacted', (key) => {
    const { logger, lines } = capture();
    const cause = new Error('socket hang up for dana@contoso.com');
    const error = Object.assign(new TypeError('update refused for jane.doe@fabrikam.com', { cause }), {
      statusCode: 404,
      request: { headers: { Authorization: 'Bearer eyJsecret' } },
    });
    logger.warn({ [key]: error }, 'could not update a card');
    const record = JSON.parse(lines.join('')) as Record<string, Record<string, unknown>>;
    const logged = record[key]!;
    expect(logged.type).toBe('TypeError');
    expect(logged.message).toBe('update refused for j***@fabrikam.com');
    expect(String(logged.stack)).toMatch(/^TypeError: update refused for j\*\*\*@fabrikam\.com\n\s+at /);
    expect(logged.statusCode).toBe(404);
    expect(JSON.stringify(logged)).toContain('socket hang up for d***@contoso.com');
    expect(lines.join('')).not.toMatch(/eyJsecret|jane\.doe@|dana@/);
  });
});
