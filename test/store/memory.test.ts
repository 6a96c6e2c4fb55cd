import { MemoryStore } from '../../server/store/memory.ts';
import { storeContract } from './contract.ts';

storeContract('memory', { make: async () => new MemoryStore({ dedupDays: 7, clock: Date.now }) });
