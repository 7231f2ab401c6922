import { Field, Select, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Destination, PaneActions } from "../mount-pane";
import type { PaneStore, ProgressStore } from "../pane-store";
import { ConfigFields } from "./ConfigFields";
import { DataFields } from "./DataFields";
import { PytorchPanel } from "./PytorchPanel";
import { RunPanel } from "./RunPanel";
import { TrainedPanel } from "./TrainedPanel";
import { usePaneState } from "./use-pane-state";

export interface PaneChoices {
  optimizers: readonly string[];
  schedules: readonly string[];
  destinations: readonly Pick<Destination, "value" | "label">[];
}

const useStyles = makeStyles({
  root: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    boxSizing: "border-box",
    maxWidth: "480px",
    minWidth: 0,
  },
  title: { display: "block", marginBottom: tokens.spacingVerticalS, color: tokens.colorBrandForeground1 },
});

/** The MNIST training pane: layout only; every change goes through `actions`. */
export function TrainingPane(props: {
  store: PaneStore;
  progress: ProgressStore;
  actions: PaneActions;
  choices: PaneChoices;
}) {
  const state = usePaneState(props.store);
  const styles = useStyles();
  return (
    <section id="gd-pane" className={styles.root} aria-labelledby="gd-title">
      <Title3 as="h2" id="gd-title" className={styles.title}>
        MNIST training
      </Title3>
      <ConfigFields
        preset={state.preset}
        form={state.form}
        fieldErrors={state.fieldErrors}
        actions={props.actions}
        choices={props.choices}
      />
      <DataFields data={state.data} files={state.files} actions={props.actions} />
      <Field label={{ children: "Write to", htmlFor: "gd-destination" }}>
        <Select
          id="gd-destination"
          value={state.destination}
          onChange={(_, d) => props.actions.setDestination(d.value)}
        >
          {props.choices.destinations.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </Select>
      </Field>
      <RunPanel state={state} progress={props.progress} actions={props.actions} />
      <TrainedPanel trained={state.trained} />
      <PytorchPanel pytorch={state.pytorch} actions={props.actions} />
    </section>
  );
}
