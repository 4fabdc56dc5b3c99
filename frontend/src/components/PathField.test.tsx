// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Chosen } from '../api/types';
import { I18nProvider } from '../i18n/context';
import { ToastProvider } from './Toast';
import { ChosenField } from './PathField';

function Host({ choose, seen }: { choose: () => Promise<Chosen>; seen: (c: Chosen | null) => void }) {
  const [v, setV] = useState<Chosen | null>(null);
  return (
    <ChosenField
      label="Fichier"
      value={v}
      onChange={(c) => {
        seen(c);
        setV(c);
      }}
      choose={choose}
      testId="f"
    />
  );
}

function show(choose: () => Promise<Chosen>, seen: (c: Chosen | null) => void) {
  render(
    <I18nProvider lang="fr">
      <ToastProvider>
        <Host choose={choose} seen={seen} />
      </ToastProvider>
    </I18nProvider>,
  );
}

describe('ChosenField (issue 12: the page never names a path)', () => {
  it('cannot be typed into: only Go’s dialog chooses, and the page keeps its token and name', async () => {
    const seen = vi.fn();
    const choose = vi.fn(() => Promise.resolve({ token: 'tok', name: 'salaries.xlsx' }));
    show(choose, seen);
    const input = screen.getByTestId('f-name') as HTMLInputElement;
    expect(input.readOnly).toBe(true);
    fireEvent.change(input, { target: { value: '/etc/passwd' } });
    expect(seen).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('f'));
    await waitFor(() => expect(seen).toHaveBeenCalledWith({ token: 'tok', name: 'salaries.xlsx' }));
    expect((screen.getByTestId('f-name') as HTMLInputElement).value).toBe('salaries.xlsx');
  });

  it('keeps the previous choice when the dialog is cancelled', async () => {
    const seen = vi.fn();
    const choose = vi.fn().mockResolvedValueOnce({ token: 'tok', name: 'a.csv' }).mockResolvedValueOnce({ token: '', name: '' });
    show(choose, seen);
    fireEvent.click(screen.getByTestId('f'));
    await waitFor(() => expect(seen).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByTestId('f'));
    await waitFor(() => expect(choose).toHaveBeenCalledTimes(2));
    expect(seen).toHaveBeenCalledTimes(1);
    expect((screen.getByTestId('f-name') as HTMLInputElement).value).toBe('a.csv');
  });
});
