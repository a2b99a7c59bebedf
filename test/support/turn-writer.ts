/**
 * A second process writing turns into a store, for the store contract: `node -r ts-node/register
 * test/support/turn-writer.ts '{"location":…,"sessionId":…,"prefix":"b","count":40,"inFlight":4,"pauseMs":5}'`.
 * Keeps `inFlight` turns asked for at once (turn n carries topic n in its state) and prints
 * `committed ID` once each has resolved, so a parent knows what the store promised was durable.
 */
import { openStores } from '../../src/store/open-store';
import { emptySessionState } from '../../src/tutor/session-state';

interface Job {
  location: string;
  sessionId: string;
  prefix: string;
  count: number;
  inFlight: number;
  /** A pause after each turn, so a writer in another process has the time to write between. */
  pauseMs?: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const stores = await openStores(job.location);
  let next = 0;
  const writer = async () => {
    while (next < job.count) {
      const n = next++;
      const id = `${job.prefix}${n}`;
      await stores.sessions.recordTurn({
        sessionId: job.sessionId,
        question: { id, text: `question ${id}` },
        answer: { text: `answer ${id}`, citations: [{ item: 35, title: 'Weighted loss functions', source: 'en/035.md' }], calculations: [], clarify: false },
        state: { ...emptySessionState(), topic: n, lastShown: [n] },
      });
      process.stdout.write(`committed ${id}\n`);
      if (job.pauseMs) await new Promise((resolve) => setTimeout(resolve, job.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: job.inFlight }, writer));
  await stores.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
