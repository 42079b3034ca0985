/**
 * The table's keyboard in a real Chromium: a key that moves the focus lands it on the row it names,
 * even when it comes while a render of the page (one the keyboard did not cause) is committed and
 * its effects are still to run, as on a slow machine (main's CI once hung on End on a phone).
 */
import type { ColumnDef } from '@tanstack/react-table';
import { type Dispatch, type SetStateAction, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { I18nProvider } from '../i18n/i18n.js';
import { DataTable } from './DataTable.js';
import './table.css';

interface Row {
  id: string;
  name: string;
}
const rows: Row[] = Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, name: `Row ${i}` }));
const columns: ColumnDef<Row, string>[] = [{ id: 'name', header: 'Name', accessorKey: 'name' }];

/** Renders for at least `ms` of the clock: a render as slow as a loaded machine's. */
function Slow({ ms }: { ms: number }) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a render that takes its time, so that React yields to the browser before running the effects
  }
  return null;
}

function Harness({ onTick }: { onTick: (set: Dispatch<SetStateAction<number>>) => void }) {
  const [tick, setTick] = useState(0);
  onTick(setTick);
  return (
    <div style={{ height: 320, display: 'flex', flexDirection: 'column' }}>
      <DataTable
        caption={`Rows ${tick}`}
        rows={rows}
        columns={columns}
        rowId={(row) => row.id}
        onOpen={() => {}}
        testId="rows"
      />
      {tick > 0 && <Slow ms={30} />}
    </div>
  );
}

const focusedIndex = () => document.activeElement?.getAttribute('data-index') ?? null;

/** Resolves once `test` holds, checked after each frame (a signal of the page, no fixed wait). */
function until(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (test() ? resolve() : requestAnimationFrame(check));
    check();
  });
}

describe('the data table from the keyboard', () => {
  it('moves the focus to the row End names, when End comes between a render and its effects', async () => {
    let setTick: Dispatch<SetStateAction<number>> = () => {};
    const screen = await render(
      <I18nProvider lang="en">
        <Harness
          onTick={(set) => {
            setTick = set;
          }}
        />
      </I18nProvider>,
    );
    const table = screen.getByTestId('rows').element();
    const first = table.querySelector<HTMLElement>('tbody tr[tabindex="0"]');
    first?.focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await until(() => focusedIndex() === '2');
    const row = document.activeElement as HTMLElement;
    // a render from outside the keyboard (a save, a clock): End is pressed the moment it is on the
    // page, before React has run its effects
    const pressed = new Promise<void>((resolve) => {
      const watch = new MutationObserver(() => {
        watch.disconnect();
        row.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }));
        resolve();
      });
      watch.observe(table, { subtree: true, childList: true, characterData: true });
    });
    setTimeout(() => setTick((n) => n + 1), 0);
    await pressed;
    const last = String(rows.length - 1);
    // the last row is current; the focus follows it (before, it stayed on row 2 for good)
    await until(() => table.querySelector('tr.current')?.getAttribute('data-index') === last);
    await until(() => focusedIndex() === last);
    expect(screen.getByRole('table').element().getAttribute('aria-rowcount')).toBe(String(rows.length + 1));
  });
});
