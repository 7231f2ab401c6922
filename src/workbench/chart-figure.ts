/* global HTMLButtonElement, HTMLCanvasElement, document */
/**
 * Puts a chart canvas in a figure with an "Enlarge" button: pressed, the figure takes the full width of the chart
 * area and twice the height (Chart.js charts follow their box; `redraw` repaints the hand-drawn ones at the new
 * size); pressed again, it shrinks back. `enlarged` starts it wide (a sheet's only, many-series chart).
 */
export function mountChartFigure(
  canvas: HTMLCanvasElement,
  redraw: () => void,
  enlarged = false,
): HTMLButtonElement {
  const figure = document.createElement("figure");
  figure.className = "wb-chart-figure";
  figure.hidden = canvas.hidden;
  const bar = document.createElement("div");
  bar.className = "wb-chart-bar";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Enlarge";
  button.setAttribute("aria-pressed", "false");
  button.title = "show this chart across the full width";
  bar.append(button);
  const box = document.createElement("div");
  box.className = "wb-chart-box";
  canvas.replaceWith(figure);
  box.append(canvas);
  figure.append(bar, box);
  const set = (large: boolean) => {
    figure.classList.toggle("wb-chart-enlarged", large);
    button.textContent = large ? "Shrink" : "Enlarge";
    button.setAttribute("aria-pressed", String(large));
    figure.dataset["enlarged"] = String(large);
  };
  set(enlarged);
  button.addEventListener("click", () => {
    set(!figure.classList.contains("wb-chart-enlarged"));
    redraw();
  });
  return button;
}

/** Sizes a hand-drawn canvas to its figure's box (the Chart.js ones size themselves). */
export function fitCanvasToBox(canvas: HTMLCanvasElement): void {
  const box = canvas.parentElement;
  if (!box || box.clientWidth === 0) return;
  if (canvas.width !== box.clientWidth) canvas.width = box.clientWidth;
  if (canvas.height !== box.clientHeight) canvas.height = box.clientHeight;
}
