/**
 * A set of listeners called in the order they were added. A listener that throws does not stop the
 * others; its error is rethrown asynchronously so it still reaches the console or error tracker.
 */
export class Listeners<Args extends unknown[]> {
  private readonly listeners = new Set<(...args: Args) => void>();

  /** How many listeners are registered. */
  get size(): number {
    return this.listeners.size;
  }

  /**
   * Adds `listener`; returns a function that removes this registration (idempotent). Adding the same
   * function twice registers it twice.
   */
  add(listener: (...args: Args) => void): () => void {
    const entry = (...args: Args): void => listener(...args);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** Calls every listener with `args`. */
  emit(...args: Args): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(...args);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
