/* global HTMLInputElement */
import { Button, Caption1, Field, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { memo, useRef } from "react";
import type { PaneActions } from "../mount-pane";
import { FILE_KEYS, FILE_LABELS, type FileKey, type PaneState } from "../pane-store";

const useStyles = makeStyles({
  files: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalXXL,
    marginBottom: tokens.spacingVerticalM,
  },
  picker: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

/** Bundled MNIST or four IDX files picked with Fluent buttons (the native inputs stay hidden). */
export const DataFields = memo(function DataFields({
  data,
  files,
  actions,
}: Pick<PaneState, "data" | "files"> & { actions: PaneActions }) {
  const styles = useStyles();
  return (
    <>
      <Field label="Data">
        <RadioGroup value={data} onChange={(_, d) => actions.setData(d.value as PaneState["data"])}>
          <Radio id="gd-data-bundled" value="bundled" label="Bundled MNIST (60,000 + 10,000 images)" />
          <Radio id="gd-data-files" value="files" label="My IDX files (.gz or raw)" />
        </RadioGroup>
      </Field>
      {data === "files" && (
        <div className={styles.files}>
          {FILE_KEYS.map((key) => (
            <FilePicker
              key={key}
              fileKey={key}
              chosen={files[key]?.name}
              onPick={(file) => actions.pickFile(key, file)}
              className={styles.picker}
              nameClass={styles.name}
            />
          ))}
        </div>
      )}
    </>
  );
});

function FilePicker(props: {
  fileKey: FileKey;
  chosen: string | undefined;
  onPick: (file: File | undefined) => void;
  className: string;
  nameClass: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const id = `gd-file-${props.fileKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const what = FILE_LABELS[props.fileKey];
  return (
    <div className={props.className}>
      <input
        ref={input}
        id={id}
        type="file"
        hidden
        accept=".gz,application/gzip,*/*"
        onChange={(e) => props.onPick(e.currentTarget.files?.[0])}
      />
      <Button size="small" onClick={() => input.current?.click()} aria-describedby={`${id}-name`}>
        Choose {what}…
      </Button>
      <Caption1 id={`${id}-name`} className={props.nameClass}>
        {props.chosen ?? "no file chosen"}
      </Caption1>
    </div>
  );
}
