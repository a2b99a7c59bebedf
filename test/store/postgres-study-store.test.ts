import { afterAll, beforeAll, describe } from 'vitest';
import { openStores } from '../../src/store/open-store';
import { postgresAvailable, startTestPostgres, type TestPostgres } from '../support/postgres';
import { runStudyStoreContract } from './study-store-contract';

const available = postgresAvailable();
let server: TestPostgres;

describe.runIf(available)('PostgreSQL', () => {
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  runStudyStoreContract('PostgreSQL', async () => {
    const url = await server.createDatabase();
    return { stores: await openStores(url), reopen: () => openStores(url) };
  });
});
