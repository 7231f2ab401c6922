/* global Excel, HTMLElement */
/**
 * The pane's "Re-bind GD formulas" command (Excel only): one button and the sentence it answers with, in a
 * live region. The work is rebind-formulas.ts.
 */
import { el } from "./dom";
import { rebindGdFormulas, rebindMessage } from "./rebind-formulas";

export function mountRebindSection(container: HTMLElement): void {
  const status = el("p", { id: "gd-rebind-status", role: "status", class: "gd-muted" });
  const button = el("button", { id: "gd-rebind", type: "button" }, "Re-bind GD formulas");
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = "Re-binding…";
    Excel.run(rebindGdFormulas)
      .then((report) => {
        status.textContent = rebindMessage(report);
      })
      .catch((error: unknown) => {
        status.textContent = `Could not re-bind: ${error instanceof Error ? error.message : String(error)}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  container.append(
    el(
      "section",
      { class: "gd-pane gd-rebind", "aria-labelledby": "gd-rebind-title" },
      el("h2", { id: "gd-rebind-title" }, "Workbook"),
      el(
        "p",
        { class: "gd-muted" },
        "GD cells showing #NAME? after opening a saved workbook: type every GD formula again, binding it to the loaded functions.",
      ),
      el("div", { class: "gd-buttons" }, button),
      status,
    ),
  );
}
