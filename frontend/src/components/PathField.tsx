import { useState } from 'react';
import { toApiError } from '../api/errors';
import { useI18n } from '../i18n/context';
import { Button } from './Button';
import { TextField } from './Field';
import { useToast } from './Toast';

/**
 * PathField: a file (or folder) path, chosen with the system's dialog
 * (choose() is a Go call that opens it and returns "" when cancelled) or
 * pasted. The path is shown left to right in every language.
 */
export function PathField({
  label,
  value,
  onChange,
  choose,
  hint,
  error,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  choose: () => Promise<string>;
  hint?: string;
  error?: string | undefined;
  testId?: string;
}) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <div className="path-field">
      <TextField
        label={label}
        value={value}
        onChange={onChange}
        hint={hint ?? t('filePathHint')}
        error={error}
        ltr
        spellCheck={false}
        autoComplete="off"
        className="path-input"
        data-testid={testId}
      />
      <Button
        icon="file"
        busy={busy}
        onClick={() => {
          setBusy(true);
          choose()
            .then((p) => {
              if (p !== '') onChange(p);
            })
            .catch((e: unknown) => toast.error(err(toApiError(e))))
            .finally(() => setBusy(false));
        }}
      >
        {t('browse')}
      </Button>
    </div>
  );
}
