/**
 * A browser tab for a URL the engine answers with after a click (an authorization URL). A browser blocks a tab
 * opened once the click's handler has returned, so in web mode the tab opens in the handler, empty, and is sent
 * to the URL when it arrives (or closed when none comes). In the desktop app the engine's process opens the
 * system browser itself; only when it could not does the window ask for it (Electron hands a window.open to the
 * system browser, see electron/main/window-options.ts).
 */
export interface PendingTab {
  /** Sends the tab to `url`; `openedElsewhere`: the engine already opened it, so the tab is not needed. */
  go(url: string, openedElsewhere: boolean): void;
  close(): void;
}

export function openPendingTab(desktop: boolean): PendingTab {
  if (desktop) {
    return {
      go: (url, openedElsewhere) => void (openedElsewhere ? undefined : window.open(url, '_blank', 'noopener,noreferrer')),
      close: () => undefined,
    };
  }
  const tab = window.open('', '_blank');
  if (tab) {
    tab.opener = null; // the page it goes to must not reach back into the window
    tab.document.title = 'Opening the sign-in page…';
    tab.document.body.textContent = 'Opening the sign-in page…';
  }
  return {
    go: (url) => {
      if (tab && !tab.closed) tab.location.replace(url);
    },
    close: () => tab?.close(),
  };
}
