import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Icon } from './Icon';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** A CSS grid track: "8rem", "minmax(12rem, 2fr)". */
  width: string;
  align?: 'start' | 'end' | 'center';
  render: (row: T, index: number) => ReactNode;
  /** Set to make the header a sort button. */
  sortable?: boolean;
  /** Accessible name of the sort button. */
  sortLabel?: string;
}

export interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  getKey: (row: T) => string;
  label: string;
  rowHeight?: number;
  onActivate?: (row: T, index: number) => void;
  rowClass?: (row: T) => string;
  sortKey?: string;
  sortDir?: 'asc' | 'desc';
  onSort?: (key: string) => void;
  testId?: string;
  empty?: ReactNode;
}

/**
 * VirtualTable: a table of thousands of rows of which only those in view
 * (plus a margin) are in the DOM. Rows are reached with the keyboard:
 * ↑/↓ move, Home/End jump, Enter opens (onActivate).
 */
export function VirtualTable<T>({
  rows,
  columns,
  getKey,
  label,
  rowHeight = 44,
  onActivate,
  rowClass,
  sortKey,
  sortDir,
  onSort,
  testId,
  empty,
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    initialRect: { width: 1200, height: 800 },
  });
  const template = columns.map((c) => c.width).join(' ');

  function focusRow(i: number) {
    const idx = Math.max(0, Math.min(rows.length - 1, i));
    v.scrollToIndex(idx, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${String(idx)}"]`)?.focus();
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>, row: T, i: number) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        focusRow(i + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focusRow(i - 1);
        break;
      case 'Home':
        e.preventDefault();
        focusRow(0);
        break;
      case 'End':
        e.preventDefault();
        focusRow(rows.length - 1);
        break;
      case 'Enter':
        if (onActivate && e.target === e.currentTarget) {
          e.preventDefault();
          onActivate(row, i);
        }
        break;
    }
  }

  return (
    <div className="vt" role="table" aria-label={label} aria-rowcount={rows.length + 1} data-testid={testId}>
      <div className="vt-scroll" ref={scrollRef}>
        <div className="vt-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              className={`vt-th align-${c.align ?? 'start'}`}
              aria-sort={sortKey === c.key ? (sortDir === 'desc' ? 'descending' : 'ascending') : undefined}
            >
              {c.sortable && onSort ? (
                <button type="button" className="vt-sort" onClick={() => onSort(c.key)} aria-label={c.sortLabel}>
                  {c.header}
                  <Icon name={sortKey === c.key ? 'chevronDown' : 'sort'} size={14} className={sortKey === c.key && sortDir === 'asc' ? 'flip-v' : undefined} />
                </button>
              ) : (
                c.header
              )}
            </div>
          ))}
        </div>
        {rows.length === 0 && empty !== undefined ? (
          <div className="vt-empty">{empty}</div>
        ) : (
          <div className="vt-body" style={{ blockSize: v.getTotalSize() }}>
            {v.getVirtualItems().map((vi) => {
              const row = rows[vi.index]!;
              return (
                <div
                  key={getKey(row)}
                  role="row"
                  aria-rowindex={vi.index + 2}
                  data-row-index={vi.index}
                  tabIndex={onActivate ? 0 : -1}
                  className={['vt-row', vi.index % 2 ? 'vt-row-odd' : '', onActivate ? 'vt-row-active' : '', rowClass?.(row) ?? ''].filter(Boolean).join(' ')}
                  style={{ gridTemplateColumns: template, blockSize: rowHeight, transform: `translateY(${String(vi.start)}px)` }}
                  onClick={onActivate ? () => onActivate(row, vi.index) : undefined}
                  onKeyDown={(e) => onKeyDown(e, row, vi.index)}
                >
                  {columns.map((c) => (
                    <div key={c.key} role="cell" className={`vt-td align-${c.align ?? 'start'}`}>
                      {c.render(row, vi.index)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
