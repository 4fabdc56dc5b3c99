import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The dev server needs what the packaged app must not allow: the inline
// React-refresh preamble, injected <style> tags and the HMR websocket.
// This plugin loosens the CSP meta tag of index.html for `vite serve` only;
// `vite build` keeps the strict policy written in index.html.
function devCSP(): Plugin {
  return {
    name: 'tasrih-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
    },
  };
}

export default defineConfig({
  plugins: [react(), devCSP()],
  build: {
    // Wails embeds frontend/dist; the committed placeholder comes back from
    // public/ on every build, so the tree stays clean.
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Keep assets as files: inline data: URLs are allowed but files are
    // easier to audit against the CSP.
    assetsInlineLimit: 0,
  },
  test: {
    // Pure modules run in node; component tests ask for jsdom in their
    // first line (// @vitest-environment jsdom).
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
