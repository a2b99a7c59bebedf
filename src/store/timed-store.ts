import type { Store } from './store';
import { StoreError } from './store-error';
import type { StudyStore } from './study-store';

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

/** `work`'s duration and outcome (`ok` or its StoreError code) reported to `observe` as `operation`. */
async function timed<T>(operation: StoreOperation, observe: StoreObserver, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome = 'ok';
  try {
    return await work();
  } catch (error) {
    outcome = error instanceof StoreError ? error.code : 'internal';
    throw error;
  } finally {
    observe(operation, (performance.now() - started) / 1000, outcome);
  }
}

/** The same store, each operation's duration and outcome reported to `observe` (the metrics' store latency). */
export function timedStore(store: Store, observe: StoreObserver): Store {
  const wrapped = Object.fromEntries(
    Object.keys(operations).map((operation) => [operation, (...args: unknown[]) => timed(operation as StoreOperation, observe, () => (store[operation as StoreOperation] as (...a: unknown[]) => Promise<unknown>).apply(store, args))]),
  );
  return { ...wrapped, close: () => store.close() } as Store;
}

/** The study store with its turn writes timed as the session store's are: a learner's turn is written there, with its reviews. */
export function timedStudyStore(store: StudyStore, observe: StoreObserver): StudyStore {
  return { ...store, recordTurn: (...args) => timed('recordTurn', observe, () => store.recordTurn(...args)) };
}
