type Listener = (event: string, payload: unknown) => void;

/** Host events fanned out to every transport (IPC window, WebSocket clients). */
export function createEventHub() {
  const listeners = new Set<Listener>();
  return {
    emit(event: string, payload: unknown): void {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch {
          // one broken subscriber must not stop the others
        }
      }
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
