/**
 * A tiny learning record store for the tests (Node's http server): `PUT /xapi/statements?statementId=…`
 * with Basic authentication. Every statement is checked against the xAPI 1.0.3 rules (`xapi-validator.ts`)
 * and refused with 400 when it breaks one; a statement id it already holds answers 204 when the statement
 * is the same and 409 when it differs, as the specification asks. It can go "offline" (connections are
 * dropped) and can drop the answer after storing a statement, as a flaky network does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statementProblems } from './xapi-validator.ts';

export interface TestLrs {
  endpoint: string;
  /** Statements stored, by id, in the order first stored. */
  stored: Map<string, unknown>;
  /** Every request that reached the store (including repeats). */
  requests: number;
  /** Problems found in refused statements. */
  refused: string[][];
  /** Drop every connection while true. */
  offline: boolean;
  /** Store the next statement, then drop the connection before answering. */
  loseNextAnswer: boolean;
  close(): Promise<void>;
}

export const KEY = 'learner-key';
export const SECRET = 'sécret';

export async function startTestLrs(): Promise<TestLrs> {
  const state = { stored: new Map<string, unknown>(), requests: 0, refused: [] as string[][], offline: false, loseNextAnswer: false };
  const auth = `Basic ${Buffer.from(`${KEY}:${SECRET}`, 'utf8').toString('base64')}`;
  const server: Server = createServer((req, res) => {
    if (state.offline) return req.socket.destroy();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      state.requests++;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.headers.authorization !== auth) return void res.writeHead(401).end();
      if (req.headers['x-experience-api-version'] !== '1.0.3') return void res.writeHead(400).end('version header');
      if (req.method !== 'PUT' || url.pathname !== '/xapi/statements') return void res.writeHead(405).end();
      const id = url.searchParams.get('statementId') ?? '';
      let statement: unknown;
      try {
        statement = JSON.parse(body);
      } catch {
        return void res.writeHead(400).end('not JSON');
      }
      const problems = statementProblems(statement);
      if ((statement as { id?: unknown }).id !== id) problems.push('statementId differs from the statement id');
      if (problems.length) {
        state.refused.push(problems);
        return void res.writeHead(400).end(problems.join('\n'));
      }
      const known = state.stored.get(id);
      if (known !== undefined) return void res.writeHead(JSON.stringify(known) === JSON.stringify(statement) ? 204 : 409).end();
      state.stored.set(id, statement);
      if (state.loseNextAnswer) {
        state.loseNextAnswer = false;
        return req.socket.destroy();
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
