// editor.js — the script editor: CodeMirror 6 with JavaScript highlighting,
// line numbers, and the line of an error highlighted.
import { EditorView, basicSetup } from "codemirror";
import { javascript } from "@codemirror/lang-javascript";
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, keymap } from "@codemirror/view";

const setErrorLine = StateEffect.define();
const errorMark = Decoration.line({ class: "cm-error-line" });

// errorLine holds the highlighted line (a decoration set); an edit clears it.
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorLine)) {
        if (e.value === null) return Decoration.none;
        return Decoration.set([errorMark.range(tr.state.doc.line(e.value).from)]);
      }
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// createEditor makes the editor in parent; onRun is called for Ctrl+Enter
// and onChange after each edit.
export function createEditor(parent, { onRun, onChange }) {
  const view = new EditorView({
    parent,
    extensions: [
      keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }]),
      basicSetup,
      javascript(),
      errorLine,
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          parent.removeAttribute("data-error-line");
          onChange();
        }
      }),
    ],
  });
  return {
    view,
    get text() { return view.state.doc.toString(); },
    set text(s) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s } });
    },
    // highlight marks line n (1-based; out of range or 0 clears) and
    // scrolls it into view.
    highlight(n) {
      const doc = view.state.doc;
      if (!n || n < 1 || n > doc.lines) {
        view.dispatch({ effects: setErrorLine.of(null) });
        parent.removeAttribute("data-error-line");
        return;
      }
      const line = doc.line(n);
      view.dispatch({
        effects: [setErrorLine.of(n), EditorView.scrollIntoView(line.from, { y: "center" })],
      });
      parent.setAttribute("data-error-line", String(n));
    },
  };
}
