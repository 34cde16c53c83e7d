// Picks the platform adapter once at start-up (design.md §1): the Electron shell when its preload
// API is present, plain Chromium otherwise. Nothing else in the renderer asks which one it got.
import type { PlatformPort } from '../../shared/platform';
import type { DataStore } from '../data';
import { createBrowserPlatform } from './browser';
// The renderer's own Electron adapter: it talks only to the preload API, never to electron/.
import { createElectronPlatform, electronApi } from './electron';

export function selectPlatform(data: DataStore): PlatformPort {
  const api = electronApi();
  return api ? createElectronPlatform(api) : createBrowserPlatform(data);
}
