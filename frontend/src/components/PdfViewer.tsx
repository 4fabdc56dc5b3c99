import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/context';
import { Banner } from './Banner';
import { Button } from './Button';
import { Dialog } from './Dialog';

/**
 * base64ToBytes decodes the PDF sent by Go. The bytes stay in memory: no
 * temporary file, no blob URL, nothing in the browser's storage.
 */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

type PdfDoc = {
  numPages: number;
  getPage: (n: number) => Promise<{
    getViewport: (o: { scale: number }) => { width: number; height: number };
    render: (o: { canvasContext: CanvasRenderingContext2D; viewport: unknown; canvas: HTMLCanvasElement }) => { promise: Promise<void>; cancel: () => void };
  }>;
  destroy: () => Promise<void>;
};

/**
 * loadPdf opens a document with pdf.js, loaded on first use (it is large,
 * and the dashboard must not wait for it). The worker is a file of the app
 * itself (CSP worker-src 'self'); eval is off (CSP script-src 'self').
 */
async function loadPdf(bytes: Uint8Array): Promise<PdfDoc> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    useSystemFonts: true,
    enableXfa: false,
  });
  return (await task.promise) as unknown as PdfDoc;
}

/** PdfViewer: a dialog that draws a PDF page by page on a canvas. */
export function PdfViewer({ title, base64, onClose, actions }: { title: string; base64: string; onClose: () => void; actions?: React.ReactNode }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState(1.25);
  const [failed, setFailed] = useState(false);
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    let live = true;
    let opened: PdfDoc | null = null;
    loadPdf(base64ToBytes(base64)).then(
      (d) => {
        opened = d;
        if (live) setDoc(d);
        else void d.destroy();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [base64]);

  useEffect(() => {
    if (doc === null || canvas.current === null) return;
    let task: { cancel: () => void } | null = null;
    let live = true;
    setRendered(false);
    void doc.getPage(page).then((p) => {
      if (!live || canvas.current === null) return;
      const ratio = window.devicePixelRatio || 1;
      const vp = p.getViewport({ scale: scale * ratio });
      const c = canvas.current;
      c.width = Math.floor(vp.width);
      c.height = Math.floor(vp.height);
      c.style.width = `${String(Math.floor(vp.width / ratio))}px`;
      c.style.height = `${String(Math.floor(vp.height / ratio))}px`;
      const ctx = c.getContext('2d');
      if (ctx === null) return;
      // pdf.js places every glyph itself: the canvas must not inherit the
      // interface's right-to-left direction (Arabic), or the document's text
      // is drawn with its letters out of place ("Em p loyeur").
      ctx.direction = 'ltr';
      const r = p.render({ canvasContext: ctx, viewport: vp, canvas: c });
      task = r;
      r.promise.then(
        () => live && setRendered(true),
        () => undefined,
      );
    }, () => live && setFailed(true));
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, page, scale]);

  const pages = doc?.numPages ?? 0;
  return (
    <Dialog title={title} onClose={onClose} wide testId="pdf-viewer">
      <div className="pdf-toolbar">
        <Button small icon="chevronStart" disabled={page <= 1} onClick={() => setPage((p) => p - 1)} aria-label={t('previous')} />
        <span className="num" aria-live="polite">
          {pages > 0 ? t('pdfPage', { page, pages }) : t('loading')}
        </span>
        <Button small icon="chevronEnd" disabled={page >= pages} onClick={() => setPage((p) => p + 1)} aria-label={t('next')} />
        <Button small icon="zoomOut" onClick={() => setScale((s) => Math.max(0.5, s - 0.25))} aria-label={t('zoomOut')} title={t('zoomOut')} />
        <Button small icon="zoomIn" onClick={() => setScale((s) => Math.min(3, s + 0.25))} aria-label={t('zoomIn')} title={t('zoomIn')} />
        <span className="spacer" />
        {actions}
      </div>
      {failed ? (
        <Banner kind="error">{t('pdfError')}</Banner>
      ) : (
        <div className="pdf-page" dir="ltr" data-testid="pdf-page" data-rendered={rendered ? 'true' : 'false'} data-pages={pages}>
          <canvas ref={canvas} dir="ltr" role="img" aria-label={title} />
        </div>
      )}
    </Dialog>
  );
}
