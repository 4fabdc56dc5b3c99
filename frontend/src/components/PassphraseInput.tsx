import { useId, useState } from 'react';
import { useI18n } from '../i18n/context';

/** A secret input with a show/hide toggle; the browser never autofills or stores it. */
export function SecretField({
  label,
  value,
  onChange,
  error,
  hint,
  ok,
  autoFocus,
  name,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  ok?: string | undefined;
  autoFocus?: boolean;
  name?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [shown, setShown] = useState(false);
  const msgId = `${id}-msg`;
  const msg = error ?? ok ?? hint;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="secret">
        <input
          id={id}
          name={name}
          className="input"
          type={shown ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={msg ? msgId : undefined}
          data-testid={testId}
        />
        <button type="button" className="secret-toggle" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
          {shown ? t('hideSecret') : t('showSecret')}
        </button>
      </div>
      {msg && (
        <p id={msgId} className={error ? 'field-error' : ok ? 'field-ok' : 'field-hint'} role={error ? 'alert' : undefined}>
          {msg}
        </p>
      )}
    </div>
  );
}
