import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/context';
import { Icon } from './Icon';

export type ToastKind = 'success' | 'error' | 'info';

interface ToastItem {
  id: number;
  kind: ToastKind;
  text: string;
}

interface ToastApi {
  show: (kind: ToastKind, text: string) => void;
  success: (text: string) => void;
  error: (text: string) => void;
  info: (text: string) => void;
  clear: () => void;
}

const Ctx = createContext<ToastApi>({
  show: () => undefined,
  success: () => undefined,
  error: () => undefined,
  info: () => undefined,
  clear: () => undefined,
});

/**
 * Toasts: short messages in a live region (announced by screen readers).
 * Success and info go away after a few seconds; errors stay until closed,
 * since they say what to do.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);

  const remove = useCallback((id: number) => setItems((l) => l.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (kind: ToastKind, text: string) => {
      const id = next.current++;
      setItems((l) => [...l.slice(-2), { id, kind, text }]);
      if (kind !== 'error') setTimeout(() => remove(id), 4500);
    },
    [remove],
  );
  const api = useMemo<ToastApi>(
    () => ({
      show,
      success: (s) => show('success', s),
      error: (s) => show('error', s),
      info: (s) => show('info', s),
      clear: () => setItems([]),
    }),
    [show],
  );

  return (
    <Ctx.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite" aria-relevant="additions">
        {items.map((it) => (
          <div key={it.id} className={`toast toast-${it.kind}`} role={it.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${it.kind}`}>
            <Icon name={it.kind === 'error' ? 'error' : it.kind === 'success' ? 'check' : 'info'} />
            <span className="toast-text">{it.text}</span>
            <button type="button" className="icon-btn" onClick={() => remove(it.id)} aria-label={t('close')}>
              <Icon name="x" size={16} />
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}

export function useToast(): ToastApi {
  return useContext(Ctx);
}
