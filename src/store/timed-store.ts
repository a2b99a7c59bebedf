import type { Store } from './store';
import { StoreError } from './store-error';

export type StoreOperation = Exclude<keyof Store, 'close'>;

/** Every operation that is timed; `satisfies` makes a method added to Store a type error here until it is listed. */
const operations = {
  createSession: true,
  getSession: true,
  history: true,
  transcript: true,
  answerTo: true,
  recordTurn: true,
  recordFeedback: true,
} satisfies Record<StoreOperation, true>;

/** How long one operation took, and `ok` or the StoreError code it failed with. */
export type StoreObserver = (operation: StoreOperation, seconds: number, outcome: string) => void;

/** The same store, each operation's duration and outcome reported to `observe` (the metrics' store latency). */
export function timedStore(store: Store, observe: StoreObserver): Store {
  const timed = (operation: StoreOperation) =>
    async (...args: unknown[]): Promise<unknown> => {
      const started = performance.now();
      let outcome = 'ok';
      try {
        return await (store[operation] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
      } catch (error) {
        outcome = error instanceof StoreError ? error.code : 'internal';
        throw error;
      } finally {
        observe(operation, (performance.now() - started) / 1000, outcome);
      }
    };
  const wrapped = Object.fromEntries(Object.keys(operations).map((operation) => [operation, timed(operation as StoreOperation)]));
  return { ...wrapped, close: () => store.close() } as Store;
}
