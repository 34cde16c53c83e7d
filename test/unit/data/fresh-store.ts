// A fresh, empty store per call (fake-indexeddb, test/unit/setup.ts).
import { openDataStore, type DataStore } from '../../../renderer/data';

let counter = 0;
export function freshStore(): DataStore {
  counter += 1;
  return openDataStore(`data-test-${process.pid}-${counter}`);
}
