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
import { cycleReference, expectsReference, insertReference, type PointedReference } from "./formula-refs";

/** What the grid may do to an open editor: Point mode inserts the clicked or arrowed-to reference. */
export interface EditSession {
  /** True while the caret expects an operand (after `=`, `(`, `,` or an operator) or a reference was just pointed. */
  pointing(): boolean;
  /** Inserts `reference` at the caret, or in place of the one pointed at before. */
  point(reference: string): void;
}

export interface FormulaEditorHooks {
  /** The active cell's content as typed (formula or value). */
  source(): string;
  /** Mirrors the text being typed (into the formula bar). */
  onText(text: string): void;
  /** After Enter / Tab committed the entry: the grid moves the selection as Excel does. */
  onCommitted(key: CommitKey, shift: boolean): void;
  /** The editor opened (with its session) or closed (undefined). */
  onSession(session: EditSession | undefined): void;
  /** Point mode by keyboard: the reference the arrow moves to (Shift extends a range from where pointing began). */
  pointBy(dRow: number, dColumn: number, extend: boolean): string;
  /** Typing anything else ends the pointing: the next arrow or click starts from the active cell again. */
  endPointing(): void;
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
    const pointed = useRef<PointedReference | undefined>(undefined);
    const latest = useRef(text);
    latest.current = text;
    const caretAt = useRef<number | undefined>(undefined);
    const replaceText = (next: string, caret: number) => {
      setText(next);
      latest.current = next;
      caretAt.current = caret;
      onChange({ ...value, data: next });
      hooks.onText(next);
    };
    const point = (reference: string) => {
      const element = area.current;
      const caret = element ? element.selectionStart : latest.current.length;
      const edit = insertReference(latest.current, caret, reference, pointed.current);
      pointed.current = edit.pointed;
      replaceText(edit.text, edit.caret);
    };
    const pointing = () => {
      const element = area.current;
      const caret = element ? element.selectionStart : latest.current.length;
      return pointed.current !== undefined || expectsReference(latest.current, caret);
    };
    const current = useRef<EditSession>({ pointing, point });
    current.current = { pointing, point };
    useEffect(() => {
      // Registered once: the editor's session lasts until it closes (a re-render does not end Point mode).
      hooks.onSession({
        pointing: () => current.current.pointing(),
        point: (reference) => current.current.point(reference),
      });
      return () => hooks.onSession(undefined);
    }, []);
    useLayoutEffect(() => {
      const element = area.current;
      if (!element || caretAt.current === undefined) return;
      element.setSelectionRange(caretAt.current, caretAt.current);
      caretAt.current = undefined;
    });
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
        pointed.current = undefined;
        hooks.endPointing();
        setText(next);
        latest.current = next;
        onChange({ ...value, data: next });
        hooks.onText(next);
      },
      onMouseDown: () => {
        // Clicking into the text places the caret: what follows is typing, not pointing.
        pointed.current = undefined;
        hooks.endPointing();
      },
      onKeyDown: (event: KeyboardEvent & { nativeEvent?: unknown }) => {
        const move = ARROWS[event.key];
        const element = area.current;
        if (move && !event.ctrlKey && !event.altKey && !event.metaKey && pointing()) {
          // Point mode: the arrow moves a reference through the grid (Shift extends it to a range).
          event.preventDefault();
          point(hooks.pointBy(move[1], move[0], event.shiftKey));
        } else if (event.key === "F4") {
          event.preventDefault();
          const next = cycleReference(
            latest.current,
            element ? element.selectionStart : latest.current.length,
          );
          pointed.current = undefined;
          replaceText(next.text, next.caret);
        } else if ((event.key === "Enter" && !event.altKey) || event.key === "Tab") {
          event.preventDefault();
          event.stopPropagation();
          const key: CommitKey = event.key === "Tab" ? "Tab" : "Enter";
          onFinishedEditing({ ...value, data: latest.current }, [0, 0]);
          hooks.onCommitted(key, event.shiftKey);
        } else if (typed && move && !event.shiftKey && !event.ctrlKey && !event.altKey) {
          event.preventDefault();
          onFinishedEditing({ ...value, data: latest.current }, move);
        } else if (event.key === "Enter" && event.altKey) {
          // Alt+Enter: a new line inside the cell.
          event.preventDefault();
          event.stopPropagation();
          if (!element) return;
          const at = element.selectionStart;
          replaceText(`${text.slice(0, at)}\n${text.slice(element.selectionEnd)}`, at + 1);
        }
      },
    });
  };
  return (cell) =>
    (cell.kind === GridCellKind.Text ? { editor: Editor, disablePadding: true } : undefined) as never;
}
