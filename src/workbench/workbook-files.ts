/*
 * Your workbooks in the workbench: Save (button or Ctrl+S) downloads the workbook as .xlsx; Open… (button, or
 * a file dropped on the page) and the example menu replace it all-or-nothing; the work is kept in this
 * browser (workbook-store.ts) and restored when the page opens again; nothing unsaved is discarded without
 * asking (a dialog before opening, the browser's own question before leaving the page). What happens is said
 * in the message bar under the header, never only in a tooltip.
 */
/* global BeforeUnloadEvent, Blob, BlobPart, DragEvent, HTMLButtonElement, HTMLDialogElement, HTMLElement, HTMLInputElement, HTMLSelectElement, KeyboardEvent, Option, URL, document, setTimeout, clearTimeout, window */
import type { HyperFormula } from "hyperformula";
import { EXAMPLE_WORKBOOKS, fetchExampleSheets, type SheetContent } from "./example-workbooks";
import { starterWorkbook } from "./starter-workbook";
import { snapshotSheets, replaceWorkbook } from "./workbook-sheets";
import { type KeptWorkbook, WorkbookStore } from "./workbook-store";

export interface WorkbookFilesElements {
  open: HTMLButtonElement;
  fileInput: HTMLInputElement;
  save: HTMLButtonElement;
  examples: HTMLSelectElement;
  fileName: HTMLElement;
  fileState: HTMLElement;
  message: HTMLElement;
  messageText: HTMLElement;
  messageClose: HTMLButtonElement;
  confirm: HTMLDialogElement;
  confirmText: HTMLElement;
  /** Where a dropped file is accepted (the whole page). */
  dropTarget: HTMLElement;
}

/** What the workbench around the workbook does when one is opened. */
export interface WorkbookView {
  hf: HyperFormula;
  activeSheetName(): string;
  showSheet(name: string): void;
  redraw(): void;
}

/** The example menu's first entry: the opening workbook, to come back to it. */
const STARTER_CHOICE = "starter";
export const DEFAULT_FILE_NAME = "my-gradient-steps.xlsx";
/** Wait this long after the last change before keeping the workbook (one write per burst of edits). */
const KEEP_DELAY_MS = 250;

type Choice = "save" | "discard" | "cancel";

/** The workbook-file chunk holds ExcelJS: loaded the first time a file is saved or opened. */
const workbookFile = () => import(/* webpackChunkName: "workbook-file" */ "./workbook-file");

export class WorkbookFiles {
  private fileName = DEFAULT_FILE_NAME;
  private unsaved = false;
  /** True while a workbook is being put in: HyperFormula's change events then are not the user's edits. */
  private loading = false;
  private keepTimer: ReturnType<typeof setTimeout> | undefined;
  private keeping: Promise<void> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly view: WorkbookView,
    private readonly elements: WorkbookFilesElements,
    private readonly store = new WorkbookStore(),
  ) {
    const changed = () => this.onChange();
    for (const event of ["valuesUpdated", "sheetAdded", "sheetRemoved", "sheetRenamed"] as const)
      view.hf.on(event, changed);
    elements.save.addEventListener("click", () => void this.save());
    elements.open.addEventListener("click", () => elements.fileInput.click());
    elements.fileInput.addEventListener("change", () => {
      const file = elements.fileInput.files?.[0];
      elements.fileInput.value = "";
      if (file) void this.openFile(file);
    });
    elements.examples.append(
      new Option("choose…", ""),
      new Option("y = 2x + 30 (the opening workbook)", STARTER_CHOICE),
      ...EXAMPLE_WORKBOOKS.map((file) => new Option(file, file)),
    );
    elements.examples.addEventListener("change", () => {
      const choice = elements.examples.value;
      if (choice) void this.openExample(choice);
    });
    elements.messageClose.addEventListener("click", () => {
      elements.message.hidden = true;
    });
    window.addEventListener("keydown", (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void this.save();
      }
    });
    window.addEventListener("beforeunload", (event: BeforeUnloadEvent) => {
      if (!this.unsaved) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when returnValue is set
    });
    const target = elements.dropTarget;
    target.addEventListener("dragover", (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      target.classList.add("wb-drop");
    });
    target.addEventListener("dragleave", (event: DragEvent) => {
      if (event.relatedTarget === null) target.classList.remove("wb-drop");
    });
    target.addEventListener("drop", (event: DragEvent) => {
      target.classList.remove("wb-drop");
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      void this.openFile(file);
    });
    this.showState();
  }

  /** Puts back the work kept in this browser, if any; otherwise the opening workbook stays. */
  async restore(): Promise<void> {
    let kept: KeptWorkbook | undefined;
    try {
      kept = await this.store.load();
    } catch (error) {
      this.say(
        `This browser could not give back kept work (${describe(error)}); the opening workbook is shown.`,
        "error",
      );
      return;
    }
    if (!kept) return;
    try {
      this.put(kept.sheets, kept.fileName);
    } catch (error) {
      this.say(`The work kept in this browser could not be restored: ${describe(error)}.`, "error");
      return;
    }
    if (kept.sheets.some((s) => s.name === kept.activeSheet)) this.view.showSheet(kept.activeSheet);
    this.unsaved = kept.unsaved;
    this.showState();
    const when = new Date(kept.keptAt).toLocaleString();
    this.say(
      `Restored ${kept.fileName} as you left it (kept in this browser ${when})` +
        (kept.unsaved ? "; it has changes not saved to a file." : "."),
      "info",
    );
  }

  /** Downloads the workbook as .xlsx, written as the example workbooks are. */
  async save(): Promise<boolean> {
    try {
      const { saveWorkbookBytes, XLSX_TYPE } = await workbookFile();
      const bytes = await saveWorkbookBytes(this.view.hf, this.fileName);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
      const link = document.createElement("a");
      link.href = url;
      link.download = this.fileName;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.say(`Could not save ${this.fileName}: ${describe(error)}.`, "error");
      return false;
    }
    this.unsaved = false;
    this.scheduleKeep(0);
    this.showState();
    const sheets = this.view.hf.getSheetNames().length;
    this.say(`Saved ${this.fileName} (${sheets} sheet${sheets === 1 ? "" : "s"}) to your downloads.`, "info");
    return true;
  }

  async openFile(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void> {
    await this.open(file.name, async () => {
      const { readWorkbookBytes } = await workbookFile();
      return readWorkbookBytes(new Uint8Array(await file.arrayBuffer()));
    });
  }

  private async openExample(choice: string): Promise<void> {
    const picker = this.elements.examples;
    const name = choice === STARTER_CHOICE ? DEFAULT_FILE_NAME : choice;
    const opened = await this.open(name, async () =>
      choice === STARTER_CHOICE ? starterWorkbook() : fetchExampleSheets(document.baseURI, choice),
    );
    picker.dataset["loaded"] = opened ? choice : "";
    picker.value = "";
  }

  /**
   * Asks before discarding unsaved work, reads the workbook, then replaces the current one — or, if anything
   * fails, leaves it exactly as it was and says why.
   */
  private async open(name: string, read: () => Promise<SheetContent[]>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.elements.examples.disabled = true;
    try {
      if (this.unsaved) {
        const choice = await this.ask(
          `${this.fileName} has changes that are not saved to a file. Opening ${name} replaces it.`,
        );
        if (choice === "cancel") {
          this.say(`${name} was not opened; your workbook is as it was.`, "info");
          return false;
        }
        if (choice === "save" && !(await this.save())) return false;
      }
      this.say(`Opening ${name}…`, "info");
      let sheets: SheetContent[];
      try {
        sheets = await read();
        this.put(sheets, name);
      } catch (error) {
        this.say(`Could not open ${name}: ${describe(error)}. Your workbook is unchanged.`, "error");
        return false;
      }
      this.unsaved = false;
      this.scheduleKeep(0);
      this.showState();
      this.say(`Opened ${name} (${sheets.length} sheet${sheets.length === 1 ? "" : "s"}).`, "info");
      return true;
    } finally {
      this.busy = false;
      this.elements.examples.disabled = false;
    }
  }

  /** Replaces the workbook (all-or-nothing) and shows its first sheet. */
  private put(sheets: readonly SheetContent[], name: string): void {
    this.loading = true;
    try {
      replaceWorkbook(this.view.hf, sheets);
    } finally {
      this.loading = false;
    }
    this.fileName = name.toLowerCase().endsWith(".xlsx") ? name : `${name}.xlsx`;
    const first = sheets[0];
    if (first) this.view.showSheet(first.name);
    this.view.redraw();
  }

  private ask(text: string): Promise<Choice> {
    const { confirm, confirmText } = this.elements;
    confirmText.textContent = text;
    return new Promise((resolve) => {
      confirm.addEventListener(
        "close",
        () => {
          const value = confirm.returnValue;
          resolve(value === "save" || value === "discard" ? value : "cancel");
        },
        { once: true },
      );
      confirm.returnValue = "cancel";
      confirm.showModal();
    });
  }

  private onChange(): void {
    if (this.loading) return;
    this.unsaved = true;
    this.showState("keeping");
    this.scheduleKeep(KEEP_DELAY_MS);
  }

  private scheduleKeep(delay: number): void {
    if (this.keepTimer !== undefined) clearTimeout(this.keepTimer);
    this.keepTimer = setTimeout(() => {
      this.keepTimer = undefined;
      this.keeping = this.keeping.then(() => this.keep());
    }, delay);
  }

  private async keep(): Promise<void> {
    try {
      await this.store.keep({
        fileName: this.fileName,
        sheets: snapshotSheets(this.view.hf),
        activeSheet: this.view.activeSheetName(),
        unsaved: this.unsaved,
      });
      if (this.keepTimer === undefined) this.showState();
    } catch (error) {
      this.elements.fileState.textContent = "not kept in this browser";
      this.say(`This browser could not keep your work (${describe(error)}): save it to a file.`, "error");
    }
  }

  private showState(phase: "keeping" | "kept" = "kept"): void {
    const { fileName, fileState, save } = this.elements;
    fileName.textContent = this.fileName;
    fileState.textContent = !this.unsaved
      ? "saved"
      : phase === "keeping"
        ? "unsaved changes…"
        : "unsaved changes, kept in this browser";
    fileState.dataset["state"] = this.unsaved ? (phase === "keeping" ? "keeping" : "kept") : "saved";
    save.title = `download ${this.fileName} (Ctrl+S)`;
  }

  private say(text: string, kind: "info" | "error"): void {
    const { message, messageText } = this.elements;
    messageText.textContent = text;
    message.dataset["kind"] = kind;
    message.setAttribute("role", kind === "error" ? "alert" : "status");
    message.hidden = false;
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\.$/, "");
}
