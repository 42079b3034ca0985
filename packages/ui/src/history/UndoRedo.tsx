/** Undo and redo buttons, and Ctrl+Z / Ctrl+Shift+Z. */
export function UndoRedo() {
  return null;
}
