// The storage feature's door (issue 16 item 8): nothing evicted, nothing forgotten.
// - StorageNotice: mounted once in the signed-in frame (app/AppLayout), above the screen.
// - StorageCard: the administrators' card (where the data lives, persistence, space, last backup).
// - FirstRunStorageNotice: for the first-run screen (asks for persistence; names another origin
//   of this host that holds the workstation's data).
// - requestPersistentStorage: asks the browser to keep the store, once per start of the app.
// - ensureRoomFor / storageRoom: call before storing a new file; refused as StoreError
//   `storage.full` (texts under `storage:errors`, so add STORAGE_NS to the screen's error namespaces).
export { StorageNotice } from './StorageNotice';
export { StorageCard } from './StorageCard';
export { FirstRunStorageNotice } from './FirstRunStorageNotice';
export { STORAGE_NS } from './names';
export {
  ensureRoomFor,
  storageRoom,
  requestPersistentStorage,
  roomFor,
  LARGE_FILE_BYTES,
  REFUSE_AT,
  WARN_AT,
  type Persistence,
  type SpaceEstimate,
  type StorageManagerLike,
} from './quota';
export { REMIND_AFTER_DAYS } from './reminder';
