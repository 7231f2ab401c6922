/* global HTMLElement */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { PaneActions } from "../mount-pane";
import type { PaneStore, ProgressStore } from "../pane-store";
import { TrainingPane, type PaneChoices } from "./TrainingPane";

/** Renders the pane in Office's look (Fluent UI v9, the web light theme Office add-ins use). */
export function renderTrainingPane(
  container: HTMLElement,
  store: PaneStore,
  progress: ProgressStore,
  actions: PaneActions,
  choices: PaneChoices,
): void {
  createRoot(container).render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <TrainingPane store={store} progress={progress} actions={actions} choices={choices} />
      </FluentProvider>
    </StrictMode>,
  );
}
