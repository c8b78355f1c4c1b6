/**
 * How fast a pasted invitee list is read and checked: parseInviteeList + checkEmailAddress on each
 * candidate, beside the email-addresses package (an RFC 5322 parser, given the paste line by line) on the
 * same input. Run with `npm run bench`; it prints a table and never fails on timing.
 */
import emailAddresses from 'email-addresses';
import { checkEmailAddress, type AddressCheck } from '../../src/domain/addresses/email-address.js';
import { parseInviteeList } from '../../src/domain/addresses/invitee-list.js';
import { understandQuestion } from '../../src/domain/redemption/help-question.js';
import { format, printTable } from './table.js';

const TARGET_LINES = 10_000;
const TARGET_MS = 50;
const SIZES = [1_000, 10_000, 100_000];

/** One address found, as the parser gave it, with its check. */
type Checked = readonly [found: object, check: AddressCheck];

interface Intake {
  readonly name: string;
  /** Reads the paste and checks every address found. */
  readonly run: (paste: string) => Checked[];
}

const ours: Intake = {
  name: 'parseInviteeList',
  run: (paste) => parseInviteeList(paste).invitees.map((invitee) => [invitee, checkEmailAddress(invitee.address)] as const),
};

const rfc5322: Intake = {
  name: 'email-addresses',
  run: (paste) =>
    paste.split('\n').flatMap((line) => {
      const parsed = emailAddresses.parseAddressList({ input: line, rfc6532: true, commaInDisplayName: true }) ?? [];
      const mailboxes = parsed.flatMap((entry) => (entry.type === 'group' ? entry.addresses : [entry]));
      // Only what a caller keeps: a mailbox object also holds its whole parse tree.
      return mailboxes.map(({ address, name }) => [{ address, name }, checkEmailAddress(address)] as const);
    }),
};

// ---------------------------------------------------------------------------------------------------------
// A realistic paste, the same on every run

/** Mulberry32: a small seeded generator, so every run measures the same text. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = ['Jane', 'Bob', 'Carol', 'Dmitri', 'Aïcha', 'Seán', 'Li', 'María José', 'Ngozi', 'Anders'];
const LAST = ['Doe', 'Roe', "O'Brien", 'van der Berg', 'Müller', 'Nakamura', 'Okafor', 'Smith-Jones', 'García', 'Lindqvist'];
const DOMAINS = ['fabrikam.com', 'tailspintoys.com', 'contoso.co.uk', 'northwind.example.org', 'wingtip.de'];
const INVALID = ['jane!@fabrikam.com', 'a+news@tailspintoys.com', 'jane@fabrikam', 'ja..ne@contoso.co.uk', 'jane.fabrikam.com', '"Doe, Jane" <doe,jane@x.com>'];

/** Mostly `Name <address>` and bare lines, some Outlook `Last, First <address>`, some invalid, some repeated. */
function realisticPaste(lines: number): string {
  const random = seededRandom(lines);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const written: string[] = [];
  for (let i = 0; i < lines; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const address = `${first}.${last}${i}@${pick(DOMAINS)}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
    const roll = random();
    if (roll < 0.45) written.push(`${first} ${last} <${address}>`);
    else if (roll < 0.75) written.push(address);
    else if (roll < 0.85) written.push(`${last}, ${first} <${address}>`);
    else if (roll < 0.9) written.push(pick(INVALID));
    else written.push(written.length > 0 ? pick(written) : address);
  }
  return written.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

interface Measurement {
  readonly medianMs: number;
  readonly found: number;
}

function measure(intake: Intake, paste: string, runs: number): Measurement {
  for (let i = 0; i < 3; i++) intake.run(paste);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    found = intake.run(paste).length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, found };
}

/** Heap held by the result for `paste` (what the parser found and its checks), after a full collection; undefined without --expose-gc. */
function heapMegabytes(intake: Intake, paste: string): number | undefined {
  if (!globalThis.gc) return undefined;
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const result = intake.run(paste);
  globalThis.gc();
  const held = process.memoryUsage().heapUsed - before;
  // Reading `result` after the collection keeps it alive through it, so `held` counts it.
  return result.length > 0 ? held / 1024 / 1024 : 0;
}

function main(): void {
  const pastes = new Map(SIZES.map((lines) => [lines, realisticPaste(lines)]));
  const results = new Map<string, Map<number, Measurement>>();
  const rows: string[][] = [];
  for (const lines of SIZES) {
    const paste = pastes.get(lines) ?? '';
    for (const intake of [ours, rfc5322]) {
      const measurement = measure(intake, paste, lines >= 100_000 ? 7 : 21);
      results.set(intake.name, (results.get(intake.name) ?? new Map<number, Measurement>()).set(lines, measurement));
      const perSecond = measurement.found / (measurement.medianMs / 1000);
      rows.push([lines.toLocaleString('en-US'), format(paste.length / 1024, 0), intake.name, format(measurement.medianMs, 2), format(perSecond, 0), String(measurement.found)]);
    }
  }
  console.log(`Intake of a pasted list: parse + checkEmailAddress on each candidate (median, ${process.version}, after 3 warm-up runs)\n`);
  printTable(['lines', 'KiB', 'parser', 'ms', 'addresses/s', 'found'], rows);

  console.log('\nGrowth of the time (linear ≈ 10), and heap held by the result for 100k lines (addresses found + checks)\n');
  const largest = pastes.get(SIZES[SIZES.length - 1] ?? 0) ?? '';
  printTable(
    ['parser', '10k/1k', '100k/10k', 'heap 100k (MB)'],
    [ours, rfc5322].map((intake) => {
      const byLines = results.get(intake.name);
      const ms = (lines: number): number => byLines?.get(lines)?.medianMs ?? Number.NaN;
      const heap = heapMegabytes(intake, largest);
      return [intake.name, format(ms(10_000) / ms(1_000), 1), format(ms(100_000) / ms(10_000), 1), heap === undefined ? 'n/a (run with --expose-gc)' : format(heap, 1)];
    }),
  );

  const atTarget = results.get(ours.name)?.get(TARGET_LINES)?.medianMs ?? Number.NaN;
  const verdict = atTarget < TARGET_MS ? 'PASS' : 'FAIL';
  console.log(`\n${verdict}: ${TARGET_LINES.toLocaleString('en-US')} lines in ${format(atTarget, 2)} ms (target: under ${TARGET_MS} ms)`);

  printWorstCases();
}

/** Texts built to make a backtracking parser take quadratic time; each is MAX_PASTE_CHARACTERS long or more. */
function printWorstCases(): void {
  const worst: [string, string][] = [
    ['unclosed links "<a "', '<a '.repeat(70_000)],
    ['unclosed tags "<p "', '<p '.repeat(70_000)],
    ['links without </a>', '<a href="mailto:x@y.com">x@y.com '.repeat(6_000)],
    ['unmatched "<"', 'jane<'.repeat(40_000)],
    ['unmatched quotes', '"jane '.repeat(35_000)],
    ['Outlook commas, no address', 'Doe, '.repeat(40_000)],
    ['one 200k-character word with "@"', `${'j'.repeat(100_000)}@${'f'.repeat(100_000)}.com`],
    ['100k lines of ", <>\\t@"', ', <>\t@\n'.repeat(100_000)],
  ];
  console.log('\nWorst cases (parse + check, one run each; and reading the same text as a help question)\n');
  const timed = (work: () => unknown): string => {
    const start = performance.now();
    work();
    return format(performance.now() - start, 1);
  };
  printTable(
    ['input', 'characters', 'parse ms', 'help ms'],
    worst.map(([name, text]) => [name, text.length.toLocaleString('en-US'), timed(() => ours.run(text)), timed(() => understandQuestion(text))]),
  );
}

main();
