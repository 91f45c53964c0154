import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The portal's address for a hash route, on the test node. */
export function portal(route = '#/', node = process.env.LANDCHAIN_WS) {
  const base = process.env.PORTAL_URL;
  if (!base || !node) throw new Error('PORTAL_URL and LANDCHAIN_WS are set by global-setup');
  return `${base}?node=${encodeURIComponent(node)}${route}`;
}

export async function open(page: Page, route: string, node?: string) {
  await page.goto(portal(route, node));
  await expect(page.getByTestId('chain-status')).toContainText('best #', { timeout: 30_000 });
}

/** A full-page screenshot under test-results/ (kept by the test run, looked at by people). */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** No serious or critical accessibility violation (axe-core, WCAG 2 A/AA rules). */
export async function checkA11y(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  expect(summary, `accessibility of ${what}`).toEqual([]);
}

/** Chooses who signs in the console. */
export async function signAs(page: Page, name: string) {
  await page.locator('select#signer').selectOption(`dev:${name}`);
  await expect(page.locator('.signer')).toContainText(`Signing as`);
  await expect(page.locator('.signer')).toContainText(name[0].toUpperCase() + name.slice(1));
}
