// A blob of the browser platform's content-addressed store (renderer/platform/browser.ts).
export interface BlobRow {
  sha256: string;
  bytes: Blob | Uint8Array;
  size: number;
}
