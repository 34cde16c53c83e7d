// Applied to every webContents the app ever creates (app 'web-contents-created'), so a window or
// frame added later cannot forget a guard.
import { displayWindowAllowed, externalUrlAllowed, navigationAllowed } from './security';

interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of Electron's WebContents the guards use (a fake in unit tests). */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenAnswer): void;
}

/** What Electron's window-open handler may answer. */
export type WindowOpenAnswer = { action: 'deny' } | { action: 'allow'; overrideBrowserWindowOptions: Readonly<Record<string, unknown>> };

export interface HardeningDeps {
  /** shell.openExternal in the app. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log?: (message: string) => void;
  /**
   * The window options of the waiting area's display (electron/main.ts: the main window's web
   * preferences, without the preload). Without them the display is denied like any window.
   */
  readonly displayWindowOptions?: Readonly<Record<string, unknown>>;
}

export function hardenWebContents(contents: WebContentsLike, deps: HardeningDeps): void {
  const log = deps.log ?? (() => {});
  const guardNavigation = (event: PreventableEvent, url: string): void => {
    if (navigationAllowed(url)) return;
    event.preventDefault();
    log(`blocked navigation to ${url}`);
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  // The page opens one window of the app, the waiting area's display; web links go to the user's
  // browser; anything else nowhere.
  contents.setWindowOpenHandler(({ url }): WindowOpenAnswer => {
    if (deps.displayWindowOptions && displayWindowAllowed(url)) return { action: 'allow', overrideBrowserWindowOptions: deps.displayWindowOptions };
    if (externalUrlAllowed(url)) {
      deps.openExternal(url).catch(() => log(`could not open ${url} in the browser`));
    } else {
      log(`blocked window.open of ${url}`);
    }
    return { action: 'deny' };
  });
}
