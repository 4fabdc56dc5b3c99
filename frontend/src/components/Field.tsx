import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface FieldFrame {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  className?: string | undefined;
}

function Frame({
  id,
  label,
  hint,
  error,
  required,
  className,
  children,
}: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
        {required === true && (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, f: FieldFrame): string | undefined {
  if (f.error) return `${id}-error`;
  if (f.hint) return `${id}-hint`;
  return undefined;
}

export type TextFieldProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
    value: string;
    onChange: (v: string) => void;
    /** ltr keeps numbers, codes and paths left to right inside an Arabic page. */
    ltr?: boolean;
  };

/** TextField: a labelled input with its hint or error, linked for screen readers. */
export function TextField({ label, hint, error, required, className, value, onChange, ltr, id, ...rest }: TextFieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Frame id={fid} label={label} hint={hint} error={error} required={required} className={className}>
      <input
        id={fid}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fid, { label, hint, error })}
        aria-required={required || undefined}
        dir={ltr ? 'ltr' : undefined}
        {...rest}
      />
    </Frame>
  );
}

export type SelectFieldProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
    value: string;
    onChange: (v: string) => void;
    options: ReadonlyArray<{ value: string; label: string }>;
  };

export function SelectField({ label, hint, error, required, className, value, onChange, options, id, ...rest }: SelectFieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Frame id={fid} label={label} hint={hint} error={error} required={required} className={className}>
      <select
        id={fid}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fid, { label, hint, error })}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
  hint,
  disabled,
  id,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
  disabled?: boolean;
  id?: string;
}) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className="checkbox">
      <input
        id={fid}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${fid}-hint` : undefined}
      />
      <div>
        <label htmlFor={fid}>{label}</label>
        {hint && (
          <p id={`${fid}-hint`} className="field-hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
