// Dexie code runs against fake-indexeddb in the Node test environment (design.md §9).
import 'fake-indexeddb/auto';
