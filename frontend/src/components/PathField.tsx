import { useState } from 'react';
import { toApiError } from '../api/errors';
import type { Chosen } from '../api/types';
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

/**
 * ChosenField: a file (or folder) chosen with the system's dialog only.
 * choose() is a Go call that opens the dialog and returns an opaque,
 * single-use token and the file's name (token "" when cancelled); the page
 * never holds the path and cannot type one, so a script in it cannot make
 * the app read or write a file the user did not choose. The Browse button
 * carries testId.
 */
export function ChosenField({
  label,
  value,
  onChange,
  choose,
  error,
  testId,
}: {
  label: string;
  value: Chosen | null;
  onChange: (v: Chosen | null) => void;
  choose: () => Promise<Chosen>;
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
        value={value?.name ?? ''}
        onChange={() => undefined}
        readOnly
        hint={t('fileChosenHint')}
        error={error}
        ltr
        className="path-input"
        data-testid={testId === undefined ? undefined : `${testId}-name`}
      />
      <Button
        icon="file"
        busy={busy}
        data-testid={testId}
        onClick={() => {
          setBusy(true);
          choose()
            .then((c) => {
              if (c.token !== '') onChange(c);
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
