import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores } from '../../src/store/open-store';
import { runStudyStoreContract } from './study-store-contract';

runStudyStoreContract('SQLite', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'loss-tutor-study-')), 'tutor.db');
  return { stores: await openStores(file), reopen: () => openStores(file) };
});
