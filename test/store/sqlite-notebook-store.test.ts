import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores } from '../../src/store/open-store';
import { runNotebookChangesContract } from './notebook-changes-contract';
import { runNotebookStoreContract } from './notebook-store-contract';

runNotebookStoreContract('SQLite', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'loss-tutor-notebooks-')), 'tutor.db');
  return { stores: await openStores(file), reopen: () => openStores(file) };
});

runNotebookChangesContract('SQLite', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'loss-tutor-notebook-changes-')), 'tutor.db');
  return { stores: await openStores(file), reopen: () => openStores(file) };
});
