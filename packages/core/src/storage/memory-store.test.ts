import { type MemoryLog, MemoryStore } from './memory-store.js';
import { describeStoreContract } from './store.contract.js';

describeStoreContract('MemoryStore', async () => {
  const log: MemoryLog = { lines: [] };
  return { open: async () => new MemoryStore(log) };
});
