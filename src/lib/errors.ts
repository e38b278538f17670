/** A thrown or rejected value as an Error, so that its message can be shown in words. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
