// Applied to every webContents the app ever creates (app 'web-contents-created'), so a window or
// frame added later cannot forget a guard.
import { externalUrlAllowed, navigationAllowed } from './security';

interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of Electron's WebContents the guards use (a fake in unit tests). */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardeningDeps {
  /** shell.openExternal in the app. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log?: (message: string) => void;
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
  // No window is ever opened by the page: web links go to the user's browser, the rest nowhere.
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlAllowed(url)) {
      deps.openExternal(url).catch(() => log(`could not open ${url} in the browser`));
    } else {
      log(`blocked window.open of ${url}`);
    }
    return { action: 'deny' };
  });
}
