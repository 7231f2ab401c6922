/*
 * The in-cell editor the grid opens (Glide's provideEditor): a text area holding the cell's formula or value.
 * Typing on a cell opens it with that character (Enter mode: arrows commit and move); F2 or a double-click opens
 * it with the content, caret at the end (Edit mode: arrows move the caret). Enter and Tab commit the text as it
 * stands in the editor (not Glide's copy of it, which lags a render behind fast typing) and let the grid move;
 * Escape is Glide's (cancel).
 */
import type {
  GridCell,
  ProvideEditorCallback,
  ProvideEditorComponent,
  TextCell,
} from "@glideapps/glide-data-grid";
import { GridCellKind } from "@glideapps/glide-data-grid";
import { createElement, useEffect, useLayoutEffect, useRef, useState } from "react";

export interface FormulaEditorHooks {
  /** The active cell's content as typed (formula or value). */
  source(): string;
  /** Mirrors the text being typed (into the formula bar). */
  onText(text: string): void;
  /** After Enter / Tab committed the entry: the grid moves the selection as Excel does. */
  onCommitted(key: CommitKey, shift: boolean): void;
}

export type CommitKey = "Enter" | "Tab";

const ARROWS: Record<string, readonly [-1 | 0 | 1, -1 | 0 | 1]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

export function formulaEditor(hooks: FormulaEditorHooks): ProvideEditorCallback<GridCell> {
  const Editor: ProvideEditorComponent<TextCell> = ({ value, onChange, onFinishedEditing, initialValue }) => {
    const typed = initialValue !== undefined;
    const [text, setText] = useState(() => initialValue ?? hooks.source());
    const area = useRef<HTMLTextAreaElement>(null);
    useLayoutEffect(() => {
      const element = area.current;
      if (!element) return;
      element.focus();
      element.setSelectionRange(element.value.length, element.value.length);
    }, []);
    useEffect(() => {
      // Typing over a cell replaces it: the typed character is the entry even if nothing else is typed.
      hooks.onText(text);
      if (typed) onChange({ ...value, data: text });
    }, []);
    return createElement("textarea", {
      ref: area,
      className: "wb-cell-editor",
      value: text,
      rows: 1,
      spellCheck: false,
      "aria-label": "cell editor",
      onChange: (event: { target: HTMLTextAreaElement }) => {
        const next = event.target.value;
        setText(next);
        onChange({ ...value, data: next });
        hooks.onText(next);
      },
      onKeyDown: (event: KeyboardEvent & { nativeEvent?: unknown }) => {
        const move = ARROWS[event.key];
        const element = area.current;
        if ((event.key === "Enter" && !event.altKey) || event.key === "Tab") {
          event.preventDefault();
          event.stopPropagation();
          const key: CommitKey = event.key === "Tab" ? "Tab" : "Enter";
          onFinishedEditing({ ...value, data: element?.value ?? text }, [0, 0]);
          hooks.onCommitted(key, event.shiftKey);
        } else if (typed && move && !event.shiftKey && !event.ctrlKey && !event.altKey) {
          event.preventDefault();
          onFinishedEditing({ ...value, data: element?.value ?? text }, move);
        } else if (event.key === "Enter" && event.altKey) {
          // Alt+Enter: a new line inside the cell.
          event.preventDefault();
          event.stopPropagation();
          if (!element) return;
          const at = element.selectionStart;
          const next = `${text.slice(0, at)}\n${text.slice(element.selectionEnd)}`;
          setText(next);
          onChange({ ...value, data: next });
        }
      },
    });
  };
  return (cell) =>
    (cell.kind === GridCellKind.Text ? { editor: Editor, disablePadding: true } : undefined) as never;
}
