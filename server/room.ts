/**
 * `npm run room`: the built app and the room's real-time server on one port, reachable on the local network.
 * Prints the join address, the room code and a QR code. Options: --host (default 0.0.0.0), --port (default
 * 8080), --redis <url> (share rooms with other servers through Redis), --no-build (do not build a missing dist/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderUnicodeCompact } from 'uqr';
import { startRoomServer } from './server.ts';

/** The first IPv4 address on the local network (what phones on the same Wi-Fi can reach). */
export function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address;
  }
  return undefined;
}

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '0.0.0.0' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    redis: { type: 'string' },
    dist: { type: 'string', default: 'dist' },
    'no-build': { type: 'boolean', default: false },
  },
});

const dist = values.dist;
if (!existsSync(join(dist, 'index.html'))) {
  if (values['no-build']) {
    console.error(`No built app in ${dist}/: run "npm run build" first.`);
    process.exit(1);
  }
  console.log(`No built app in ${dist}/: building it (npm run build)…`);
  const built = spawnSync('npx', ['vite', 'build', '--outDir', dist], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const port = Number(values.port);
const lan = values.host === '0.0.0.0' ? lanAddress() : values.host;
const publicUrl = `http://${lan ?? 'localhost'}:${port}`;
const server = await startRoomServer({ host: values.host, port, dist, publicUrl, ...(values.redis ? { redis: values.redis } : {}) });
const joinUrl = `${server.url}/#/join/${server.code}`;

console.log(`
The room is open.

  Phones join at:   ${joinUrl}
  Room code:        ${server.code}
  Facilitator:      http://localhost:${server.port}/  (open a scenario, choose Facilitate, then "Open the room to phones")
  ${values.redis ? `Sharing rooms through Redis at ${values.redis}.` : 'Rooms live in this process (add --redis <url> to share them between servers).'}
${lan ? '' : '\n  No local network address found: phones cannot reach this computer. Connect it to the Wi-Fi or a hotspot.\n'}
${renderUnicodeCompact(joinUrl)}
Facilitator's key (only for a control on another computer): ${server.secret}
Press Ctrl+C to stop.`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
