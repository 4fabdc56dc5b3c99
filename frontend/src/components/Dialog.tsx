import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/context';
import { Icon } from './Icon';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** When false, Escape and the close button do nothing (a step that must be finished). */
  dismissible?: boolean;
  /** The element to focus first (else the first field or button). */
  initialFocus?: string;
  testId?: string;
}

/**
 * Dialog: a modal window. Focus moves into it and stays there (Tab cycles),
 * Escape closes it, and focus returns where it was when it closes.
 */
export function Dialog({ title, onClose, children, footer, wide, dismissible = true, initialFocus, testId }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const root = ref.current;
    if (root !== null) {
      const first =
        (initialFocus ? root.querySelector<HTMLElement>(initialFocus) : null) ??
        root.querySelector<HTMLElement>('.dialog-body ' + FOCUSABLE) ??
        root.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
    }
    return () => previous?.focus?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape' && dismissible) {
      e.stopPropagation();
      closeRef.current();
      return;
    }
    if (e.key !== 'Tab' || ref.current === null) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {dismissible && (
            <button type="button" className="icon-btn" onClick={onClose} aria-label={t('close')} title={t('close')}>
              <Icon name="x" />
            </button>
          )}
        </header>
        <div className="dialog-body">{children}</div>
        {footer !== undefined && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>
  );
}
