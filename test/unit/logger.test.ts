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
