import { useSyncExternalStore } from "react";
import type { Store } from "../pane-store";

/** The store's current state; the component re-renders when it changes. */
export function usePaneState<T extends object>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
