// `npx tsx local/simulator/main.ts [--port N] [--fixture path]`: runs the tenant simulator and
// prints one JSON line, {"url":"https://127.0.0.1:PORT","tenantId":"..."}, once it listens.
import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    fixture: { type: 'string' },
  },
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got '${values.port}'`);
  process.exit(2);
}

const simulator = await startSimulator({ port, ...(values.fixture === undefined ? {} : { fixturePath: values.fixture }) });
console.log(JSON.stringify({ url: simulator.url, tenantId: simulator.tenantId }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
