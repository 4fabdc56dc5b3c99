// @vitest-environment jsdom
import '../test/dom';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/context';
import { PdfViewer } from './PdfViewer';

// pdf.js itself is replaced: the test looks at the canvas it is given.
const drawnWith: string[] = [];
vi.mock('pdfjs-dist', () => ({
  GlobalWorkerOptions: {},
  getDocument: () => ({
    promise: Promise.resolve({
      numPages: 1,
      getPage: () =>
        Promise.resolve({
          getViewport: () => ({ width: 100, height: 140 }),
          render: (o: { canvasContext: { direction: string } }) => {
            drawnWith.push(o.canvasContext.direction);
            return { promise: Promise.resolve(), cancel: () => undefined };
          },
        }),
      destroy: () => Promise.resolve(),
    }),
  }),
}));
vi.mock('pdfjs-dist/build/pdf.worker.min.mjs?url', () => ({ default: 'worker.js' }));

let getContext: typeof HTMLCanvasElement.prototype.getContext;
beforeEach(() => {
  drawnWith.length = 0;
  getContext = HTMLCanvasElement.prototype.getContext;
  // jsdom has no 2D context; the one pdf.js gets inherits the element's direction.
  HTMLCanvasElement.prototype.getContext = function () {
    return { direction: 'inherit' };
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
});
afterEach(() => {
  HTMLCanvasElement.prototype.getContext = getContext;
});

// Issue 15.5: in the Arabic interface the receipt (a French document) is
// drawn left to right, as the document itself is.
describe('PdfViewer in the Arabic interface', () => {
  it('draws the document in its own left-to-right direction', async () => {
    render(
      <div dir="rtl">
        <I18nProvider lang="ar">
          <PdfViewer title="وصل" base64={btoa('%PDF-1.7')} onClose={() => undefined} />
        </I18nProvider>
      </div>,
    );
    await waitFor(() => expect(screen.getByTestId('pdf-page').dataset['rendered']).toBe('true'));
    expect(drawnWith).toEqual(['ltr']);
    const canvas = screen.getByTestId('pdf-page').querySelector('canvas')!;
    expect(canvas.closest('[dir]')?.getAttribute('dir')).toBe('ltr');
  });
});
