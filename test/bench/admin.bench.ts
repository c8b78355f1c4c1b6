/**
 * What administration costs. The audit trail: a year of events (20,000) in Azurite, read the way `audit`
 * and the CSV export read it (a RowKey range from now back N days, newest first), beside a scan of the
 * whole partition filtered in memory (what an audit table keyed any other way would need), in the same run.
 * Who may invite: the Graph reads behind one check, cold and then from the 5-minute cache. Prints figures;
 * never fails on timing.
 */
import { TableClient } from '@azure/data-tables';
import { localIdentities } from '../../local/local-identities.js';
import type { AuditEvent } from '../../src/domain/ports/audit-log.js';
import { mapWithConcurrency } from '../../src/domain/use-cases/review-invitees.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { GraphPeopleDirectory } from '../../src/graph/people-directory.js';
import { GraphTenantConfiguration } from '../../src/graph/tenant-configuration.js';
import { TableAuditLog } from '../../src/storage/table-audit-log.js';
import { DANA } from '../support/activities.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';
import { controlRequest } from '../support/simulator-control.js';
import { format, printTable } from './table.js';

const EVENTS = 20_000;
const DAYS = 365;
const TENANT = 'bench-tenant';
const REPEATS = 5;

async function main(): Promise<void> {
  const services = await startLocalServices();
  try {
    await auditTrail(services);
    await whoMayInvite(services);
  } finally {
    await services.close();
  }
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

async function auditTrail(services: LocalServices): Promise<void> {
  const table = TableClient.fromConnectionString(services.azurite.connectionString, 'audit', { allowInsecureConnection: true });
  await table.createTable();
  const audit = new TableAuditLog(table);
  const now = Date.now();
  const seeding = performance.now();
  await mapWithConcurrency(
    Array.from({ length: EVENTS }, (_, i) => i),
    16,
    (i) =>
      audit.append(TENANT, {
        at: new Date(now - (i * DAYS * 24 * 60 * 60 * 1000) / EVENTS).toISOString(),
        actor: { aadObjectId: DANA.aadObjectId, name: DANA.name },
        action: 'invite',
        subject: `guest.${i % 2_000}@fabrikam.com`,
        outcome: 'invited',
      }),
  );
  console.log(`\nAudit trail: ${EVENTS.toLocaleString('en-US')} events over ${DAYS} days (seeded in ${format((performance.now() - seeding) / 1000, 1)} s), median of ${REPEATS}\n`);

  const since = (days: number) => new Date(now - days * 24 * 60 * 60 * 1000);
  /** The baseline: every event of the tenant read, then filtered and sorted in memory. */
  const scanAll = async (days: number, address?: string) => {
    const events: AuditEvent[] = [];
    for await (const entity of table.listEntities<{ at: string; subject: string }>({ queryOptions: { filter: `PartitionKey eq '${TENANT}'` } })) {
      if (Date.parse(entity.at) >= since(days).getTime() && (!address || entity.subject === address)) events.push(entity as unknown as AuditEvent);
    }
    return events.sort((a, b) => b.at.localeCompare(a.at));
  };
  const cases: { label: string; range: () => Promise<AuditEvent[]>; scan: () => Promise<AuditEvent[]> }[] = [
    { label: '`audit` (7 days, newest 26)', range: () => audit.query(TENANT, { since: since(7), limit: 26 }), scan: async () => (await scanAll(7)).slice(0, 26) },
    { label: 'export, 7 days', range: () => audit.query(TENANT, { since: since(7) }), scan: () => scanAll(7) },
    { label: 'export, 90 days', range: () => audit.query(TENANT, { since: since(90) }), scan: () => scanAll(90) },
    { label: '`audit <address> 30`', range: () => audit.query(TENANT, { since: since(30), address: 'guest.7@fabrikam.com' }), scan: () => scanAll(30, 'guest.7@fabrikam.com') },
  ];
  const rows: string[][] = [];
  for (const item of cases) {
    const found = (await item.range()).length;
    const expected = (await item.scan()).length;
    if (found !== expected) throw new Error(`${item.label}: the range query found ${found} events, the scan ${expected}`);
    const range = await median(item.range);
    const scan = await median(item.scan);
    rows.push([item.label, String(found), format(range, 0), format(scan, 0), `${format(scan / range, 1)}×`]);
  }
  printTable(['read', 'events', 'range ms', 'full scan ms', 'scan / range'], rows);
}

async function whoMayInvite(services: LocalServices): Promise<void> {
  const { app } = localIdentities();
  const graph = secretGraphClient(services.simulator, app);
  const people = new GraphPeopleDirectory(graph);
  const tenant = new GraphTenantConfiguration(graph, { snapshotTtlMs: 60 * 60_000, domainTtlMs: 24 * 60 * 60_000 });
  const check = () => Promise.all([people.person(DANA.aadObjectId), tenant.snapshot()]);
  const graphCalls = async () => (await services.sim.calls()).filter((call) => call.path.startsWith('/v1.0/')).length;
  await controlRequest(services.simulator.url, 'DELETE', '/_sim/calls');
  let started = performance.now();
  await check();
  const cold = { ms: performance.now() - started, requests: await graphCalls() };
  await controlRequest(services.simulator.url, 'DELETE', '/_sim/calls');
  started = performance.now();
  for (let i = 0; i < 100; i++) await check();
  const warm = { ms: (performance.now() - started) / 100, requests: (await graphCalls()) / 100 };
  console.log('\nWho may invite: one check (the person’s type, roles and groups; the tenant’s settings)\n');
  printTable(
    ['check', 'Graph requests', 'ms'],
    [
      ['cold (a person not asked for 5 minutes)', String(cold.requests), format(cold.ms, 1)],
      ['cached (mean of 100)', format(warm.requests, 2), format(warm.ms, 3)],
    ],
  );
}

await main();
