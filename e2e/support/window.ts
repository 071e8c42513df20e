import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, type Engine } from './engine.js';

export type ThemeName = 'light' | 'dark';
export const SCREENSHOT_DIR = join(REPO, 'test-results', 'screenshots');

/**
 * Opens the window on `engine` (its link carries the token) and waits until the header shows the gateway's
 * state; then goes to `route` (e.g. '/servers') through the hash router, as a deep link would.
 */
export async function openWindow(page: Page, engine: Engine, route = '/catalog'): Promise<void> {
  await page.goto(engine.url);
  await expect(page.getByRole('banner').getByRole('button', { name: /(Start|Stop) gateway/ })).toBeVisible({ timeout: 15_000 });
  await goTo(page, route);
}

/** A deep link within the open window (the token stays in this tab's sessionStorage). */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), `#${route}`);
}

/** Follows the system theme as the window does by default; `theme` is what the system asks for. */
export async function useTheme(page: Page, theme: ThemeName): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b).*$/);
}

/** Axe on the page as it is now, in both themes: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(page, theme);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    const described = bad.map(
      (violation) => `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(' ')).join('\n  ')}`,
    );
    expect(described, `axe on ${what} (${theme})`).toEqual([]);
  }
}

/**
 * Screenshots of the page as it is, light and dark, 380 px and 1280 px wide, saved as
 * test-results/screenshots/<name>-<theme>-<width>.png. `settle` runs after each change (e.g. wait for a list).
 */
export async function screenshots(page: Page, name: string, settle: () => Promise<void> = async () => {}): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const saved: string[] = [];
  const original = page.viewportSize();
  for (const width of [380, 1280]) {
    await page.setViewportSize({ width, height: width === 380 ? 800 : 860 });
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme);
      await settle();
      const path = join(SCREENSHOT_DIR, `${name}-${theme}-${width}.png`);
      await page.screenshot({ path, animations: 'disabled' });
      saved.push(path);
    }
  }
  if (original) await page.setViewportSize(original);
  await page.emulateMedia({ colorScheme: 'light' });
  return saved;
}
