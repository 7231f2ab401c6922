import {
  Button,
  Caption1,
  Field,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { memo } from "react";
import type { EpochResult } from "../../engine/train/protocol";
import type { PaneActions } from "../mount-pane";
import type { PaneState, ProgressStore } from "../pane-store";
import { usePaneState } from "./use-pane-state";
import { EPOCH_COLUMNS, epochCells } from "../pane-text";
import { FINAL_STATES } from "../training-controller";

const useStyles = makeStyles({
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalM} 0` },
  live: { display: "grid", gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalS },
  error: { color: tokens.colorPaletteRedForeground1 },
  errors: { color: tokens.colorPaletteRedForeground1, margin: 0, paddingLeft: tokens.spacingHorizontalL },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  progress: { marginBottom: tokens.spacingVerticalS },
  table: { fontVariantNumeric: "tabular-nums", marginTop: tokens.spacingVerticalS },
  number: { textAlign: "right" },
});

/** Train/Stop, the one live region (status, notices, problems), both progress bars and the epoch table. */
export function RunPanel({
  state,
  progress,
  actions,
}: {
  state: PaneState;
  progress: ProgressStore;
  actions: PaneActions;
}) {
  const styles = useStyles();
  const { state: run, detail } = state.run;
  const canTrain = FINAL_STATES.includes(run) && !state.starting;
  const canStop = run === "loading" || run === "running";
  return (
    <>
      <div className={styles.buttons}>
        <Button id="gd-train" appearance="primary" disabled={!canTrain} onClick={actions.train}>
          Train
        </Button>
        <Button id="gd-stop" disabled={!canStop} onClick={actions.stop}>
          Stop
        </Button>
      </div>
      {/* The pane's only live region: polite, so a screen reader finishes what it is saying first. */}
      <div id="gd-live" role="status" aria-live="polite" className={styles.live}>
        <Text
          id="gd-status"
          data-state={run}
          weight="semibold"
          className={run === "error" ? styles.error : undefined}
        >
          {run}: {detail}
        </Text>
        {state.sweep && <Text id="gd-sweep">{state.sweep}</Text>}
        {state.pytorch.status && <Text id="gd-pytorch-status">{state.pytorch.status}</Text>}
        {state.messages.length > 0 && (
          <ul id="gd-errors" className={styles.errors}>
            {state.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        )}
        {state.warning && (
          <Text id="gd-warning" className={styles.warning}>
            {state.warning}
          </Text>
        )}
      </div>
      <ProgressView store={progress} className={styles.progress} />
      <Table id="gd-epochs" size="extra-small" className={styles.table} aria-label="Epochs of the run">
        <TableHeader>
          <TableRow>
            {EPOCH_COLUMNS.map((h) => (
              <TableHeaderCell key={h}>{h}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <EpochRows epochs={state.epochs} className={styles.number} />
      </Table>
    </>
  );
}

/** The epoch rows change once per epoch, not with every progress update. */
const EpochRows = memo(function EpochRows(props: { epochs: readonly EpochResult[]; className: string }) {
  return (
    <TableBody>
      {props.epochs.map((result) => (
        <TableRow key={result.epoch}>
          {epochCells(result).map((text, i) => (
            <TableCell key={i} className={props.className}>
              {text}
            </TableCell>
          ))}
        </TableRow>
      ))}
    </TableBody>
  );
});

/** Both progress bars and the progress line: the only part that re-renders ten times a second. */
function ProgressView({ store, className }: { store: ProgressStore; className: string }) {
  const progress = usePaneState(store);
  return (
    <>
      <Field label="Run progress" className={className}>
        <ProgressBar id="gd-progress" value={progress.run} max={1} thickness="large" />
      </Field>
      <Field label="Epoch progress" className={className}>
        <ProgressBar id="gd-epoch-progress" value={progress.epoch} max={1} />
      </Field>
      <Caption1 id="gd-progress-text">{progress.text}</Caption1>
    </>
  );
}
