import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, memo, useCallback, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import type { MonthRow, Severity } from '../api/types';
import { useI18n } from '../i18n/context';
import { formatAmount } from '../lib/format';
import {
  type EditCol,
  type Move,
  SITUATIONS,
  SITUATION_LABELS,
  cellKey,
  moveFrom,
  MAX_DAYS,
  parseDays,
  parseGross,
} from '../lib/monthGrid';
import { Icon } from './Icon';

export interface MonthGridHandle {
  /** focusCell scrolls to a row (model index) and puts the caret in one of its cells. */
  focusCell: (row: number, col: EditCol) => boolean;
}

export interface MonthGridProps {
  rows: readonly MonthRow[];
  /** Model indexes of the rows shown, in display order. */
  visible: readonly number[];
  severity: ReadonlyMap<string, Severity>;
  readOnly: boolean;
  onEdit: (row: number, patch: Partial<Pick<MonthRow, 'days' | 'gross' | 'situation'>>) => void;
  /** The period's maximum of declared days (Workspace.max_days). */
  maxDays?: number;
  rowHeight?: number;
  /** Height of the scroll area before it is measured (tests, first frame). */
  initialHeight?: number;
}

const TEMPLATE = '2rem 2.75rem 6.75rem minmax(9rem, 2fr) 6.25rem 4.25rem 7.25rem minmax(9.5rem, 1.3fr)';

/**
 * MonthGrid: the month's lines, one row per employee, virtualized (only the
 * rows in view are in the DOM, so 2 000 employees scroll freely). Days,
 * gross and situation are edited in place. Keyboard: Enter / ↓ next row,
 * Shift+Enter / ↑ previous row, ← → between cells when the caret is at the
 * edge of the text, Tab in reading order, Escape undoes the typing.
 */
export const MonthGrid = forwardRef<MonthGridHandle, MonthGridProps>(function MonthGrid(
  { rows, visible, severity, readOnly, onEdit, maxDays = MAX_DAYS, rowHeight = 38, initialHeight = 600 },
  ref,
) {
  const { t, dir } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 1000, height: initialHeight },
  });
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  const focusCell = useCallback(
    (row: number, col: EditCol): boolean => {
      const di = visibleRef.current.indexOf(row);
      if (di < 0) return false;
      const sel = `[data-cell="${cellKey(row, col)}"]`;
      const tryFocus = () => {
        const el = scrollRef.current?.querySelector<HTMLInputElement | HTMLSelectElement>(sel);
        if (!el) return false;
        // The virtualizer scrolls; the browser must not scroll again on focus.
        el.focus({ preventScroll: true });
        if (el instanceof HTMLInputElement) el.select();
        return true;
      };
      if (tryFocus()) {
        v.scrollToIndex(di, { align: 'auto' });
        return true;
      }
      v.scrollToIndex(di, { align: 'center' });
      // The row is rendered once the virtualizer has seen the scroll: retry for a few frames.
      let tries = 0;
      const again = () => {
        if (tryFocus() || ++tries > 20) return;
        requestAnimationFrame(again);
      };
      requestAnimationFrame(again);
      return true;
    },
    [v],
  );

  useImperativeHandle(ref, () => ({ focusCell }), [focusCell]);

  const move = useCallback(
    (row: number, col: EditCol, m: Move) => {
      const di = visibleRef.current.indexOf(row);
      const to = moveFrom(di, col, m, visibleRef.current.length);
      if (to === null) return;
      focusCell(visibleRef.current[to.displayIndex]!, to.col);
    },
    [focusCell],
  );

  return (
    <div className="grid-wrap" role="grid" aria-label={t('gridLabel')} aria-rowcount={visible.length + 1} aria-readonly={readOnly || undefined} data-testid="month-grid">
      <div className="grid-scroll" ref={scrollRef}>
        <div className="grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: TEMPLATE }}>
          <div role="columnheader" className="g-th">
            <span className="sr-only">{t('colStatus')}</span>
          </div>
          <div role="columnheader" className="g-th align-end">
            #
          </div>
          <div role="columnheader" className="g-th" title={t('colImmat')}>
            {t('colImmatShort')}
          </div>
          <div role="columnheader" className="g-th">
            {t('colName')}
          </div>
          <div role="columnheader" className="g-th">
            {t('colCategory')}
          </div>
          <div role="columnheader" className="g-th align-end">
            {t('colDays')}
          </div>
          <div role="columnheader" className="g-th align-end">
            {t('colGross')}
          </div>
          <div role="columnheader" className="g-th">
            {t('colSituation')}
          </div>
        </div>
        <div className="grid-body" style={{ blockSize: v.getTotalSize() }}>
          {v.getVirtualItems().map((vi) => {
            const idx = visible[vi.index]!;
            const row = rows[idx]!;
            return (
              <GridRow
                key={row.employee_id || `p${String(row.preetabli_line)}`}
                idx={idx}
                displayIndex={vi.index}
                row={row}
                top={vi.start}
                height={rowHeight}
                sev={severity.get(`r:${String(idx)}`)}
                sevDays={severity.get(cellKey(idx, 'days'))}
                sevGross={severity.get(cellKey(idx, 'gross'))}
                sevSit={severity.get(cellKey(idx, 'situation'))}
                readOnly={readOnly}
                maxDays={maxDays}
                onEdit={onEdit}
                move={move}
                rtl={dir === 'rtl'}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});

interface RowProps {
  idx: number;
  displayIndex: number;
  row: MonthRow;
  top: number;
  height: number;
  sev: Severity | undefined;
  sevDays: Severity | undefined;
  sevGross: Severity | undefined;
  sevSit: Severity | undefined;
  readOnly: boolean;
  maxDays: number;
  rtl: boolean;
  onEdit: MonthGridProps['onEdit'];
  move: (row: number, col: EditCol, m: Move) => void;
}

const GridRow = memo(function GridRow({ idx, displayIndex, row, top, height, sev, sevDays, sevGross, sevSit, readOnly, maxDays, rtl, onEdit, move }: RowProps) {
  const { t, lang } = useI18n();
  const name = row.name;
  const catTone = row.category === 'entrant' ? 'info' : row.category === 'leaver' ? 'warning' : row.category === 'unknown' ? 'danger' : 'neutral';

  const keys = (col: EditCol) => (e: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    const el = e.currentTarget;
    const atStart = !(el instanceof HTMLInputElement) || (el.selectionStart === 0 && el.selectionEnd === 0);
    const atEnd = !(el instanceof HTMLInputElement) || (el.selectionStart === el.value.length && el.selectionEnd === el.value.length);
    let m: Move | null = null;
    switch (e.key) {
      case 'Enter':
        m = e.shiftKey ? 'up' : 'down';
        break;
      case 'ArrowDown':
        m = 'down';
        break;
      case 'ArrowUp':
        m = 'up';
        break;
      // The text of a cell is left to right (numbers) in every language: ←
      // leaves it from its first character, → from its last. The cell it
      // goes to is the one on that side — the next one in Arabic for ←.
      case 'ArrowLeft':
        if (atStart) m = rtl ? 'end' : 'start';
        break;
      case 'ArrowRight':
        if (atEnd) m = rtl ? 'start' : 'end';
        break;
    }
    if (m !== null && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      move(idx, col, m);
    }
  };

  return (
    <div
      role="row"
      aria-rowindex={displayIndex + 2}
      className={['g-row', displayIndex % 2 ? 'g-row-odd' : '', sev ? `g-row-${sev}` : '', row.needs_situation ? 'g-row-needs' : ''].filter(Boolean).join(' ')}
      style={{ gridTemplateColumns: TEMPLATE, blockSize: height, transform: `translateY(${String(top)}px)` }}
      data-row={idx}
    >
      <div role="gridcell" className="g-td g-status">
        {sev === 'error' ? (
          <span className="sev sev-error" title={t('severity_error')}>
            <Icon name="error" size={16} />
            <span className="sr-only">{t('severity_error')}</span>
          </span>
        ) : sev === 'warning' ? (
          <span className="sev sev-warning" title={t('severity_warning')}>
            <Icon name="alert" size={16} />
            <span className="sr-only">{t('severity_warning')}</span>
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="g-td align-end num muted">
        {idx + 1}
      </div>
      <div role="gridcell" className="g-td mono" dir="ltr">
        {row.immatriculation || '—'}
      </div>
      <div role="gridcell" className="g-td g-name">
        <bdi title={name}>{name}</bdi>
        {!row.saved && row.source !== undefined && row.source !== 'saved' && row.source !== 'none' && (
          <span className="muted small row-source" data-testid="row-source" data-source={row.source} title={t(`source_${row.source}_hint` as const)}>
            {' '}
            · {t(`source_${row.source}` as const)}
          </span>
        )}
      </div>
      <div role="gridcell" className="g-td">
        <span className={`cat cat-${catTone}`}>{t(`cat_${row.category}` as const)}</span>
      </div>
      <div role="gridcell" className="g-td">
        <TextCell
          cell={cellKey(idx, 'days')}
          value={String(row.days)}
          parse={(s) => {
            const p = parseDays(s, maxDays);
            return p.ok ? { ok: true, value: p.days } : { ok: false, message: t('daysError', { max: maxDays }) };
          }}
          onCommit={(n) => onEdit(idx, { days: n })}
          label={t('cellLabel', { column: t('colDays'), name })}
          sev={sevDays}
          readOnly={readOnly}
          onKeyDown={keys('days')}
          inputMode="numeric"
          maxLength={2}
        />
      </div>
      <div role="gridcell" className="g-td">
        <TextCell
          cell={cellKey(idx, 'gross')}
          value={formatAmount(row.gross)}
          parse={(s) => {
            const p = parseGross(s);
            return p.ok ? { ok: true, value: p.centimes } : { ok: false, message: MONEY_MSG[lang][p.code] ?? '' };
          }}
          onCommit={(c) => onEdit(idx, { gross: c })}
          label={t('cellLabel', { column: t('colGross'), name })}
          sev={sevGross}
          readOnly={readOnly}
          onKeyDown={keys('gross')}
          inputMode="decimal"
        />
      </div>
      <div role="gridcell" className="g-td">
        <select
          className={['cell-input cell-select', sevSit ? `cell-${sevSit}` : '', row.needs_situation ? 'cell-needs' : ''].filter(Boolean).join(' ')}
          value={row.situation}
          disabled={readOnly}
          onChange={(e) => {
            if (!readOnly) onEdit(idx, { situation: e.target.value });
          }}
          onKeyDown={keys('situation')}
          aria-label={t('cellLabel', { column: t('colSituation'), name })}
          aria-invalid={sevSit === 'error' || undefined}
          data-cell={cellKey(idx, 'situation')}
        >
          {SITUATIONS.map((s) => (
            <option key={s} value={s}>
              {s === '' ? t('situationNormal') : `${s} — ${SITUATION_LABELS[s]?.[lang] ?? ''}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
});

const MONEY_MSG: Readonly<Record<'fr' | 'ar' | 'en', Record<string, string>>> = {
  fr: {
    'money.syntax': 'Montant invalide, par exemple 8 500,00.',
    'money.decimals': "Montant ambigu : « 8.000 » ou « 8,500 » peut se lire de deux façons. Écrivez 8000 ou 8 000,00 (la virgule seulement pour les centimes).",
    'money.negative': 'Le montant ne peut pas être négatif.',
    'money.too_large': 'Montant trop élevé.',
    'money.empty': 'Saisissez un montant.',
  },
  ar: {
    'money.syntax': 'مبلغ غير صالح، مثلاً 8 500,00.',
    'money.decimals': 'مبلغ ملتبس: «8.000» أو «8,500» يُقرأ بطريقتين. اكتب 8000 أو 8 000,00 (الفاصلة للسنتيمات فقط).',
    'money.negative': 'لا يمكن أن يكون المبلغ سالباً.',
    'money.too_large': 'مبلغ مرتفع جداً.',
    'money.empty': 'أدخل مبلغاً.',
  },
  en: {
    'money.syntax': 'Invalid amount, e.g. 8 500,00.',
    'money.decimals': 'Ambiguous amount: “8.000” or “8,500” can be read two ways. Type 8000 or 8 000,00 (the comma only for the centimes).',
    'money.negative': 'The amount cannot be negative.',
    'money.too_large': 'Amount too large.',
    'money.empty': 'Type an amount.',
  },
};

type Parsed<V> = { ok: true; value: V } | { ok: false; message: string };

/**
 * TextCell: an input that shows the stored value, lets the user type
 * freely, commits every valid value at once (the autosave debounces), and
 * keeps an invalid text visible with its error until it is fixed.
 */
function TextCell<V>({
  cell,
  value,
  parse,
  onCommit,
  label,
  sev,
  readOnly,
  onKeyDown,
  inputMode,
  maxLength,
}: {
  cell: string;
  value: string;
  parse: (s: string) => Parsed<V>;
  onCommit: (v: V) => void;
  label: string;
  sev: Severity | undefined;
  readOnly: boolean;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  inputMode: 'numeric' | 'decimal';
  maxLength?: number;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const parsed = draft === null ? null : parse(draft);
  const invalid = parsed !== null && !parsed.ok;
  return (
    <input
      className={['cell-input num', invalid ? 'cell-invalid' : sev ? `cell-${sev}` : ''].filter(Boolean).join(' ')}
      value={shown}
      readOnly={readOnly}
      dir="ltr"
      inputMode={inputMode}
      maxLength={maxLength}
      aria-label={label}
      aria-invalid={invalid || sev === 'error' || undefined}
      title={invalid && !parsed.ok ? parsed.message : undefined}
      data-cell={cell}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => {
        if (readOnly) return;
        const s = e.target.value;
        setDraft(s);
        const p = parse(s);
        if (p.ok) onCommit(p.value);
      }}
      onBlur={() => {
        if (draft !== null && parse(draft).ok) setDraft(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && draft !== null) {
          e.preventDefault();
          setDraft(null);
          return;
        }
        if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          if (draft !== null && parse(draft).ok) setDraft(null);
        }
        onKeyDown(e);
      }}
    />
  );
}
