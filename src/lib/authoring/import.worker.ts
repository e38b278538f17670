/**
 * The import check in a Web Worker: answers each `CheckRequest` with the `checkImport` result, so the
 * analyser's work never holds up the page. Started and stopped by `WorkerImportChecker` (import-client.ts).
 */
import type { CheckReply, CheckRequest } from './import-client.ts';
import { checkImport } from './import.ts';
import { asError } from '../errors.ts';

globalThis.addEventListener('message', (event: MessageEvent<CheckRequest>) => {
  const { id, text, context } = event.data;
  let reply: CheckReply;
  try {
    reply = { id, check: checkImport(text, context) };
  } catch (error) {
    reply = { id, error: asError(error).message };
  }
  try {
    globalThis.postMessage(reply);
  } catch (error) {
    // A result that cannot be copied to the page (it should always be plain data).
    globalThis.postMessage({ id, error: asError(error).message } satisfies CheckReply);
  }
});
