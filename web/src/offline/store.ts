// Where the offline data lives: four named stores of key → value. The browser's IndexedDB
// (database "pcmd-offline", written by hand: four stores and five calls do not justify a
// library) in the app, a Map in the unit tests. Values are structured-clonable objects; what
// identifies a client is sealed (offline/crypto.ts) before it gets here.
//   outbox  idempotency key → QueuedOp (offline/outbox.ts)
//   meta    name → value (salt, verifier, who, sealed session, last sync)
//   cache   GET address → { sealed reply, at }
//   idmap   id made on the device → id the server gave

export type StoreName = 'outbox' | 'meta' | 'cache' | 'idmap';
export const STORE_NAMES: readonly StoreName[] = ['outbox', 'meta', 'cache', 'idmap'];

export interface LocalStore {
  get<T>(store: StoreName, key: string): Promise<T | undefined>;
  put(store: StoreName, key: string, value: unknown): Promise<void>;
  delete(store: StoreName, key: string): Promise<void>;
  /** Every entry of the store, in key order. */
  entries<T>(store: StoreName): Promise<Array<[string, T]>>;
  /** Empties every store (the wipe). */
  clear(): Promise<void>;
}

/** A LocalStore in memory (tests, and a browser without IndexedDB). */
export function memoryStore(): LocalStore {
  const maps = new Map<StoreName, Map<string, unknown>>(STORE_NAMES.map((name) => [name, new Map()]));
  const map = (name: StoreName) => maps.get(name) as Map<string, unknown>;
  return {
    async get<T>(store: StoreName, key: string) {
      return structuredClone(map(store).get(key)) as T | undefined;
    },
    async put(store, key, value) {
      map(store).set(key, structuredClone(value));
    },
    async delete(store, key) {
      map(store).delete(key);
    },
    async entries<T>(store: StoreName) {
      return [...map(store).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, structuredClone(v) as T] as [string, T]);
    },
    async clear() {
      for (const m of maps.values()) m.clear();
    },
  };
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/** The LocalStore in IndexedDB database `name`. */
export async function openIdbStore(name = 'pcmd-offline'): Promise<LocalStore> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const store of STORE_NAMES) if (!open.result.objectStoreNames.contains(store)) open.result.createObjectStore(store);
  };
  const db = await promised(open);
  async function run<T>(store: StoreName | readonly StoreName[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => IDBRequest<T> | null): Promise<T> {
    const tx = db.transaction(store as string | string[], mode);
    const request = work(tx);
    const result = request ? promised(request) : Promise.resolve(undefined as T);
    await done(tx);
    return result;
  }
  return {
    get: <T>(store: StoreName, key: string) => run(store, 'readonly', (tx) => tx.objectStore(store).get(key)) as Promise<T | undefined>,
    put: async (store, key, value) => {
      await run(store, 'readwrite', (tx) => tx.objectStore(store).put(value, key));
    },
    delete: async (store, key) => {
      await run(store, 'readwrite', (tx) => tx.objectStore(store).delete(key));
    },
    entries: async <T>(store: StoreName) => {
      const tx = db.transaction(store, 'readonly');
      const [keys, values] = await Promise.all([promised(tx.objectStore(store).getAllKeys()), promised(tx.objectStore(store).getAll())]);
      await done(tx);
      return keys.map((k, i) => [String(k), values[i] as T] as [string, T]);
    },
    clear: async () => {
      await run(STORE_NAMES, 'readwrite', (tx) => {
        for (const store of STORE_NAMES) tx.objectStore(store).clear();
        return null;
      });
    },
  };
}
