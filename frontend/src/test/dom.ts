// What jsdom lacks for the virtualized tables: element sizes (the
// virtualizer reads clientHeight to know how many rows fit), ResizeObserver
// and Element.scrollTo. Imported first by the component tests.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;

// Scroll offsets are kept (jsdom does not lay out, so it ignores them), and
// the content is as tall as needed.
const scrollTops = new WeakMap<Element, number>();
Object.defineProperty(Element.prototype, 'scrollTop', {
  configurable: true,
  get(this: Element) {
    return scrollTops.get(this) ?? 0;
  },
  set(this: Element, v: number) {
    scrollTops.set(this, v);
  },
});
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get: () => 10_000_000 });

Element.prototype.scrollTo = function scrollTo(this: Element, opts?: ScrollToOptions | number) {
  if (typeof opts === 'object' && opts !== null && typeof opts.top === 'number') this.scrollTop = opts.top;
} as Element['scrollTo'];

afterEach(() => cleanup());
