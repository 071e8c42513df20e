import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { metaContentSecurityPolicy } from '../shared/content-security-policy.js';

/** The built page carries the window's one policy (shared/content-security-policy.ts) in its meta tag. */
const contentSecurityPolicyMeta: Plugin = {
  name: 'switchyard-csp',
  transformIndexHtml: (html) => html.replace('%SWITCHYARD_CSP%', metaContentSecurityPolicy()),
};

// The same build is loaded from file:// in Electron and over http in web mode, hence relative asset URLs.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), tailwindcss(), contentSecurityPolicyMeta],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
  },
});
