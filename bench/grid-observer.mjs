// The grid benchmark's in-page observer (page.addInitScript): it watches, it never calls into the workbench.
// - frames: requestAnimationFrame timestamps while recording (scroll frame times);
// - edits: for each Enter that commits the cell editor, the time from the key event (its timeStamp) until a
//   frame has been drawn with the watched cell's pixels changed (read from the grid's canvas, as a screenshot
//   reads it), i.e. until the grid shows the new value.
/* global window, document, performance, requestAnimationFrame, MessageChannel, HTMLTextAreaElement */

/** Runs in the page before any of its scripts; exposes window.__gridBench. */
export function gridObserver() {
  const frames = [];
  let recording = false;
  const tick = (time) => {
    if (recording) frames.push(time);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  /** Resolves once the next frame has been produced (a task queued from its animation-frame callbacks). */
  const afterNextFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      }),
    );

  let watch;
  const edits = [];
  const pixels = () => {
    const canvas = document.querySelector("#wb-grid canvas");
    if (!canvas || !watch) return "";
    const box = canvas.getBoundingClientRect();
    const sx = canvas.width / box.width;
    const sy = canvas.height / box.height;
    const x = Math.round((watch.x - box.left) * sx);
    const y = Math.round((watch.y - box.top) * sy);
    const w = Math.max(1, Math.round(watch.width * sx));
    const h = Math.max(1, Math.round(watch.height * sy));
    const data = canvas.getContext("2d").getImageData(x, y, w, h).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i], 16777619) >>> 0;
    return String(hash);
  };

  window.addEventListener(
    "keydown",
    (event) => {
      const target = event.target;
      if (event.key !== "Enter" || !watch || !(target instanceof HTMLTextAreaElement)) return;
      if (!target.classList.contains("wb-cell-editor")) return;
      const before = pixels();
      const pressed = event.timeStamp;
      void (async () => {
        for (;;) {
          const now = await afterNextFrame();
          if (pixels() !== before) return edits.push(now - pressed);
          if (now - pressed > 10000) return edits.push(Number.NaN);
        }
      })();
    },
    true,
  );

  window.__gridBench = {
    /** The cell area (page pixels) whose change means the grid shows the new value. */
    watch(rect) {
      watch = rect;
    },
    edits: () => edits.slice(),
    record() {
      frames.length = 0;
      recording = true;
    },
    stop() {
      recording = false;
      return frames.slice();
    },
  };
}
