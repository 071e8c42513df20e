import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/** `npm run bench:ui`: browser benchmarks of the window (figures printed, not pass/fail timings). */
export default defineConfig({ ...base, testDir: './bench', testMatch: '**/*.bench.ts', timeout: 300_000 });
