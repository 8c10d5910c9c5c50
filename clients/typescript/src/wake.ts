/** The browser globals {@link watchWakeups} listens to; absent outside browsers. */
export interface WakeSources {
  readonly window?: Pick<Window, "addEventListener" | "removeEventListener">;
  readonly document?: Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState">;
}

/**
 * Calls `onWake` when the browser comes back online or the page becomes visible again: good
 * moments to reconnect without waiting for the backoff. Returns a function that stops listening;
 * does nothing outside browsers.
 */
export function watchWakeups(onWake: () => void, sources: WakeSources = globalThis as WakeSources): () => void {
  const { window: win, document: doc } = sources;
  if (win === undefined || doc === undefined) return () => {};
  const online = (): void => onWake();
  const visibility = (): void => {
    if (doc.visibilityState === "visible") onWake();
  };
  win.addEventListener("online", online);
  doc.addEventListener("visibilitychange", visibility);
  return () => {
    win.removeEventListener("online", online);
    doc.removeEventListener("visibilitychange", visibility);
  };
}
