import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export type ButtonKind = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  kind?: ButtonKind;
  icon?: IconName;
  busy?: boolean;
  small?: boolean;
  children?: ReactNode;
}

/** Button: a real <button> (type="button" unless told), busy disables it and says so. */
export function Button({ kind = 'secondary', icon, busy = false, small = false, children, className, disabled, type, ...rest }: ButtonProps) {
  const cls = ['btn', `btn-${kind}`, small ? 'btn-small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button
      type={type ?? 'button'}
      className={cls}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : icon !== undefined ? <Icon name={icon} /> : null}
      {children !== undefined && <span>{children}</span>}
    </button>
  );
}
