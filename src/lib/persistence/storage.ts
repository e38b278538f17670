/**
 * Where saved data lives: the browser's localStorage, or memory when the browser refuses storage
 * (private modes, disabled cookies). The `KeyValueStorage` interface is the part of Web Storage we use,
 * so tests pass an in-memory one.
 */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  /** May throw, e.g. a QuotaExceededError when storage is full. */
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage in memory: lost when the page closes. */
export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}

/** Whether an error from `setItem` means the storage is full (QuotaExceededError, or Firefox's NS_ERROR_DOM_QUOTA_REACHED). */
export function isStorageFull(error: unknown): boolean {
  return /quota/i.test(String((error as { name?: unknown } | null)?.name));
}

/**
 * The browser's localStorage when it works; otherwise memory, with `persistent: false`. A full storage
 * refuses the probe but still holds everything saved, so it is used (writes then report that it is full):
 * falling back to memory would hide every saved run.
 */
export function browserStorage(local?: KeyValueStorage): { storage: KeyValueStorage; persistent: boolean } {
  let storage: KeyValueStorage | undefined;
  try {
    storage = local ?? globalThis.localStorage;
    const probe = 'osotd:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return { storage, persistent: true };
  } catch (error) {
    try {
      if (storage && isStorageFull(error) && storage.length > 0) return { storage, persistent: true };
    } catch {
      // Not readable either: memory it is.
    }
    return { storage: memoryStorage(), persistent: false };
  }
}

/** Every key in `storage`, read once (removing keys while iterating would skip some). */
export function allKeys(storage: KeyValueStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}
