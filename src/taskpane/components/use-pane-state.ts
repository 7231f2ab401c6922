import { useSyncExternalStore } from "react";
import type { PaneState, PaneStore } from "../pane-store";

/** The store's current state; the component re-renders when it changes. */
export function usePaneState(store: PaneStore): PaneState {
  return useSyncExternalStore(store.subscribe, store.get);
}
