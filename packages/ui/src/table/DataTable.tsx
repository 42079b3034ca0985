/**
 * A sortable, filterable, virtualised table (TanStack Table for the rows, TanStack Virtual for
 * drawing only those in sight), driven by the keyboard: Tab reaches the rows as one stop, ↑/↓,
 * Page Up/Down, Home/End move through them, Enter opens the row. A real <table> with
 * aria-rowcount/aria-rowindex, so a screen reader knows how many rows there are beyond those drawn.
 */
import { foldForSearch } from '@musubi/core';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type Row,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';

export interface DataTableProps<T> {
  /** The table's caption (its accessible name). */
  caption: string;
  rows: T[];
  // biome-ignore lint/suspicious/noExplicitAny: TanStack's column definitions carry each column's own value type
  columns: ColumnDef<T, any>[];
  rowId: (row: T) => string;
  /** Enter or a click on a row. */
  onOpen: (row: T) => void;
  testId: string;
}

const ROW_HEIGHT = 34;

/** Matches a row whose cell text holds the filter text, folded as the core's search folds it. */
function cellHolds<T>(row: Row<T>, columnId: string, filter: string): boolean {
  const value = row.getValue<unknown>(columnId);
  return value !== undefined && foldForSearch(String(value)).includes(foldForSearch(filter));
}

export function DataTable<T>({ caption, rows, columns, rowId, onOpen, testId }: DataTableProps<T>) {
  const { t } = useI18n();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState('');
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: cellHolds,
    getRowId: rowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const shown = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(shown.length - 1, 0));
  // the current row is always drawn, in sight or not: the row that holds the focus is never taken out
  // of the page (a wheel scroll, a panel opening beside the table), and a key that moves the focus
  // far away finds its row at once rather than after the scroll has drawn it
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (current >= range.count || indexes.includes(current)) return indexes;
      return [...indexes, current].sort((a, b) => a - b);
    },
    [current],
  );
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    rangeExtractor,
  });
  // the row a key moved to, until it has the focus: the index itself, not a flag, because the effects
  // of a render the key did not cause (a save, a clock) can run after the key and before its own
  // render, and must not give the focus to the row that was current then
  const focusing = useRef<number | null>(null);
  const items = virtualizer.getVirtualItems();
  const filterId = useId();

  // the row moved to by the keyboard gets the focus once it is drawn (in the same render, as it is
  // always drawn); the browser scrolls it into sight, under the sticky head (the scroller's
  // scroll-padding)
  useEffect(() => {
    const to = focusing.current;
    if (to === null || to !== current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`tr[data-index="${to}"]`);
    if (row) {
      row.focus();
      focusing.current = null;
    }
  });

  const move = (to: number) => {
    const index = Math.max(0, Math.min(shown.length - 1, to));
    focusing.current = index;
    setActive(index);
  };
  const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent) => {
    if (shown.length === 0) return;
    if (event.key === 'ArrowDown') move(current + 1);
    else if (event.key === 'ArrowUp') move(current - 1);
    else if (event.key === 'PageDown') move(current + page);
    else if (event.key === 'PageUp') move(current - page);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(shown.length - 1);
    else if (event.key === 'Enter') {
      const row = shown[current];
      if (row) onOpen(row.original);
    } else return;
    event.preventDefault();
  };

  return (
    <div className="data-table" data-testid={testId}>
      <div className="data-table-tools">
        <label htmlFor={filterId}>{t('table.filter')}</label>
        <input
          id={filterId}
          type="search"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            focusing.current = null;
            setActive(0);
          }}
        />
        <output aria-live="polite" data-testid={`${testId}-count`} data-count={shown.length}>
          {t('table.rowCount', { count: shown.length, total: rows.length })}
        </output>
      </div>
      <div ref={scroller} className="data-table-scroller">
        <table aria-rowcount={shown.length + 1}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    >
                      <button type="button" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        {sorted === 'asc' ? (
                          <ArrowUp className="icon" aria-hidden="true" />
                        ) : sorted === 'desc' ? (
                          <ArrowDown className="icon" aria-hidden="true" />
                        ) : (
                          <ArrowUpDown className="icon sort-none" aria-hidden="true" />
                        )}
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {rowsWithSpacers(items, virtualizer.getTotalSize(), columns.length, (item) => {
              const row = shown[item.index];
              if (!row) return null;
              return (
                <tr
                  key={row.id}
                  data-index={item.index}
                  data-row-id={row.id}
                  aria-rowindex={item.index + 2}
                  tabIndex={item.index === current ? 0 : -1}
                  className={item.index === current ? 'current' : undefined}
                  onFocus={() => setActive(item.index)}
                  onClick={() => {
                    setActive(item.index);
                    onOpen(row.original);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {shown.length === 0 && <p className="empty">{t('table.empty')}</p>}
      </div>
    </div>
  );
}

/**
 * The drawn rows in order, with an empty row standing for the height of those not drawn before,
 * between and after them (the current row can be drawn apart from the rows in sight).
 */
function rowsWithSpacers(
  items: readonly { index: number; start: number; end: number }[],
  total: number,
  columns: number,
  row: (item: { index: number }) => ReactNode,
): ReactNode[] {
  const out: ReactNode[] = [];
  const spacer = (key: string, height: number) => (
    <tr key={key} className="spacer">
      <td style={{ height }} colSpan={columns} />
    </tr>
  );
  let end = 0;
  for (const item of items) {
    if (item.start > end) out.push(spacer(`before-${item.index}`, item.start - end));
    out.push(row(item));
    end = item.end;
  }
  if (total > end) out.push(spacer('after', total - end));
  return out;
}
