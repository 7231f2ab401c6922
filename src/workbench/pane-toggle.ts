/* global HTMLButtonElement, HTMLElement, localStorage */
/** The task pane's Hide/Show button: collapses the pane so the sheet and its charts take the full width. */
const KEY = "gradient-steps:pane-collapsed";

export function mountPaneToggle(button: HTMLButtonElement, layout: HTMLElement): void {
  const apply = (collapsed: boolean) => {
    layout.classList.toggle("wb-pane-collapsed", collapsed);
    button.setAttribute("aria-expanded", String(!collapsed));
    button.textContent = collapsed ? "Show training pane" : "Hide training pane";
  };
  let collapsed = false;
  try {
    collapsed = localStorage.getItem(KEY) === "1";
  } catch {
    // storage refused (private mode): the pane starts shown
  }
  apply(collapsed);
  button.addEventListener("click", () => {
    collapsed = !collapsed;
    apply(collapsed);
    try {
      localStorage.setItem(KEY, collapsed ? "1" : "0");
    } catch {
      // not remembered: fine
    }
  });
}
