/*
 * The sheet tabs under the grid: click to switch, double-click to rename in place, + to add, right-click for a
 * menu (rename, delete, move left/right), drag a tab onto another to move it there. The tabs only report what
 * the user asked; the grid does it in HyperFormula (and can undo it).
 */
import { el } from "../taskpane/dom";

export interface SheetTabActions {
  select(name: string): void;
  add(): void;
  rename(name: string, newName: string): void;
  remove(name: string): void;
  /** Moves the sheet to position `index` of the tab order. */
  move(name: string, index: number): void;
}

export class SheetTabs {
  private menu: HTMLElement | undefined;

  constructor(
    private readonly nav: HTMLElement,
    private readonly actions: SheetTabActions,
  ) {
    document.addEventListener("mousedown", (event) => {
      if (this.menu && !this.menu.contains(event.target as Node)) this.closeMenu();
    });
  }

  render(names: readonly string[], active: string): void {
    this.closeMenu();
    const tabs = names.map((name, index) => this.tab(name, index, name === active, names.length));
    const add = el(
      "button",
      { type: "button", class: "wb-tab-add", title: "add a sheet", "aria-label": "add sheet" },
      "+",
    );
    add.addEventListener("click", () => this.actions.add());
    this.nav.replaceChildren(...tabs, add);
  }

  private tab(name: string, index: number, active: boolean, count: number): HTMLElement {
    const tab = el(
      "button",
      { type: "button", class: "wb-tab", "data-sheet": name, draggable: "true" },
      name,
    );
    if (active) tab.classList.add("wb-tab-active");
    // Clicking the sheet already shown changes nothing (its selection stays; a double-click can rename it).
    tab.addEventListener("click", () => {
      if (!active) this.actions.select(name);
    });
    tab.addEventListener("dblclick", () => this.startRename(tab, name));
    tab.addEventListener("contextmenu", (event) => {
      event.preventDefault();
      this.openMenu(tab, name, index, count);
    });
    tab.addEventListener("dragstart", (event) => {
      event.dataTransfer?.setData("text/x-sheet", name);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
    });
    tab.addEventListener("dragover", (event) => {
      if (event.dataTransfer?.types.includes("text/x-sheet")) event.preventDefault();
    });
    tab.addEventListener("drop", (event) => {
      const dragged = event.dataTransfer?.getData("text/x-sheet");
      event.preventDefault();
      if (dragged && dragged !== name) this.actions.move(dragged, index);
    });
    return tab;
  }

  private startRename(tab: HTMLElement, name: string): void {
    const input = el("input", { class: "wb-tab-rename", value: name, "aria-label": `rename sheet ${name}` });
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      const newName = input.value.trim();
      if (save && newName && newName !== name) this.actions.rename(name, newName);
      else this.actions.select(name);
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") finish(true);
      else if (event.key === "Escape") finish(false);
    });
    input.addEventListener("blur", () => finish(true));
    tab.replaceWith(input);
    input.focus();
    input.select();
  }

  private openMenu(tab: HTMLElement, name: string, index: number, count: number): void {
    this.closeMenu();
    const item = (label: string, enabled: boolean, run: () => void) => {
      const button = el("button", { type: "button", role: "menuitem", class: "wb-tab-menu-item" }, label);
      button.disabled = !enabled;
      button.addEventListener("click", () => {
        this.closeMenu();
        run();
      });
      return button;
    };
    const menu = el(
      "div",
      { class: "wb-tab-menu", role: "menu", "aria-label": `sheet ${name}` },
      item("Rename", true, () => {
        const current = this.nav.querySelector(`.wb-tab[data-sheet="${CSS.escape(name)}"]`);
        if (current instanceof HTMLElement) this.startRename(current, name);
      }),
      item("Delete", count > 1, () => this.actions.remove(name)),
      item("Move left", index > 0, () => this.actions.move(name, index - 1)),
      item("Move right", index < count - 1, () => this.actions.move(name, index + 1)),
    );
    const box = tab.getBoundingClientRect();
    menu.style.left = `${box.left}px`;
    menu.style.top = `${box.top}px`;
    document.body.append(menu);
    menu.style.top = `${box.top - menu.offsetHeight}px`;
    this.menu = menu;
  }

  private closeMenu(): void {
    this.menu?.remove();
    this.menu = undefined;
  }
}
