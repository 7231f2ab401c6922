import { Button, Field, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { memo } from "react";
import type { PaneActions } from "../mount-pane";
import type { PaneState } from "../pane-store";

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalL, display: "grid", gap: tokens.spacingVerticalS },
  button: { justifySelf: "start" },
  script: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, minHeight: "14em" },
});

/** Copy as PyTorch: the configured run as a torch script, put on the clipboard and shown to copy by hand. */
export const PytorchPanel = memo(function PytorchPanel({
  pytorch,
  actions,
}: Pick<PaneState, "pytorch"> & { actions: PaneActions }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="gd-pytorch-title">
      <Subtitle2 as="h3" id="gd-pytorch-title">
        On a GPU machine
      </Subtitle2>
      <Button id="gd-pytorch" className={styles.button} onClick={actions.copyPytorch}>
        Copy as PyTorch
      </Button>
      {pytorch.script && (
        <Field
          label={{ children: "PyTorch script", htmlFor: "gd-pytorch-script" }}
          hint={pytorch.note || "The configured run in torch: same network, optimizer, schedule and seed"}
        >
          <Textarea
            id="gd-pytorch-script"
            readOnly
            resize="vertical"
            value={pytorch.script}
            textarea={{ className: styles.script, spellCheck: false, wrap: "off" }}
          />
        </Field>
      )}
    </section>
  );
});
