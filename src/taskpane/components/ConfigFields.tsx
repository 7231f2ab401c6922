import { Field, Input, Select, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { memo } from "react";
import { ACTIVATIONS, INITS, LOSSES, OUTPUTS, cliName, type FieldName } from "../config-form";
import type { PaneActions } from "../mount-pane";
import type { PaneState } from "../pane-store";
import { FIELD_HELP } from "../pane-text";
import { PRESET_NAMES, type PresetName } from "../presets";

const useStyles = makeStyles({
  group: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    border: "none",
    margin: 0,
    padding: 0,
    marginBottom: tokens.spacingVerticalM,
  },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    paddingBottom: tokens.spacingVerticalXS,
  },
  wide: { gridColumn: "1 / -1" },
  preset: { marginBottom: tokens.spacingVerticalM },
  // A grid track never narrower than its control's intrinsic width would overflow the 320 px pane.
  field: { minWidth: 0 },
  control: { width: "100%", minWidth: 0 },
});

const GROUPS: { legend: string; fields: readonly FieldName[] }[] = [
  { legend: "Network", fields: ["layers", "activation", "output", "loss", "init"] },
  {
    legend: "Optimizer",
    fields: ["optimizer", "lr", "optimizerOptions", "schedule", "scheduleOptions", "lambda"],
  },
  { legend: "Run", fields: ["epochs", "batch", "seed", "trainLimit", "progressEvery"] },
];

const WIDE: readonly FieldName[] = ["layers", "optimizerOptions", "scheduleOptions"];

export interface FieldChoices {
  optimizers: readonly string[];
  schedules: readonly string[];
}

/**
 * Preset, then every training field with its label, visible hint and (when invalid) its message. Memoised on
 * its slice of the state: progress updates during a run do not re-render the form.
 */
export const ConfigFields = memo(function ConfigFields({
  preset,
  form,
  fieldErrors,
  actions,
  choices,
}: Pick<PaneState, "preset" | "form" | "fieldErrors"> & {
  actions: PaneActions;
  choices: FieldChoices;
}) {
  const styles = useStyles();
  const choicesFor: Partial<Record<FieldName, readonly string[]>> = {
    activation: ACTIVATIONS,
    output: OUTPUTS,
    loss: LOSSES,
    init: INITS,
    optimizer: choices.optimizers,
    schedule: choices.schedules,
  };
  return (
    <>
      <Field
        label={{ children: "Preset", htmlFor: "gd-preset" }}
        hint="Replaces every field below"
        className={styles.preset}
      >
        <Select
          id="gd-preset"
          value={preset}
          onChange={(_, data) => actions.choosePreset(data.value as PresetName)}
        >
          {PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      {GROUPS.map((group) => (
        <fieldset key={group.legend} className={styles.group}>
          <legend className={styles.legend}>{group.legend}</legend>
          {group.fields.map((name) => (
            <ConfigField
              key={name}
              name={name}
              value={form[name]}
              error={fieldErrors[name]}
              options={choicesFor[name]}
              className={mergeClasses(styles.field, WIDE.includes(name) && styles.wide)}
              controlClassName={styles.control}
              onChange={(value) => actions.setField(name, value)}
            />
          ))}
        </fieldset>
      ))}
    </>
  );
});

function ConfigField(props: {
  name: FieldName;
  value: string;
  error: string | undefined;
  options: readonly string[] | undefined;
  className: string;
  controlClassName: string;
  onChange: (value: string) => void;
}) {
  const id = `gd-field-${props.name}`;
  // A value the list lacks (e.g. from a preset) is still shown as chosen.
  const options =
    props.options && !props.options.includes(props.value) ? [...props.options, props.value] : props.options;
  return (
    <Field
      className={props.className}
      label={{ children: cliName(props.name), htmlFor: id }}
      hint={FIELD_HELP[props.name]}
      validationState={props.error ? "error" : "none"}
      // Not an alert each: the pane has one polite live region that says how many fields need fixing.
      validationMessage={
        props.error ? { children: props.error, id: `${id}-error`, role: undefined } : undefined
      }
    >
      {options ? (
        <Select
          id={id}
          name={props.name}
          className={props.controlClassName}
          value={props.value}
          onChange={(_, d) => props.onChange(d.value)}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          id={id}
          name={props.name}
          className={props.controlClassName}
          value={props.value}
          spellCheck={false}
          onChange={(_, d) => props.onChange(d.value)}
        />
      )}
    </Field>
  );
}
