import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../storage/store.contract.js';
import { NdjsonFileStore } from './ndjson-store.js';

describeStoreContract('NdjsonFileStore', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'musubi-store-')), 'network.ndjson');
  return { open: async () => NdjsonFileStore.open(path, { create: true }) };
});
