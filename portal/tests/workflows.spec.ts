// The second half of the console and the public pages that follow it, in real Chromium against the
// same dev node as portal.spec.ts (its own demo parcels, so it does not depend on that file):
// an application proposed by one registrar, refused to its own proposer (SameRegistrar), confirmed
// by a second, shown with its notice deadline and enacted after it; an owner's objection and the
// council's motion deciding it, shown decoded and voted through; a financed purchase (buyer names
// a lender, the lender funds, the grantee consents, a registrar approves); a recovery of a lost
// key vetoed by the key itself from its alerts; the owner's alerts; the registry statistics and
// their chart.
import { expect, test, type Page } from '@playwright/test';
// @ts-ignore — JavaScript library shared with scripts/ (no type declarations)
import { connect, disconnect } from '../../scripts/src/chain.mjs';
// @ts-ignore
import { resolveAccount, resolveSigner } from '../../scripts/src/keys.mjs';
// @ts-ignore
import { confirm } from '../../scripts/src/applications.mjs';
// @ts-ignore
import { attestation } from '../../scripts/src/parties.mjs';
import { RECOVERY_REPLACEMENT } from './fixtures';
import { checkA11y, open, shot, signAs } from './helpers';

test.describe.configure({ mode: 'serial' });

const HASH_A = `0x${'a1'.repeat(32)}`;
const HASH_G = `0x${'9e'.repeat(32)}`;
const DEED = `0x${'de'.repeat(32)}`;
let transfer = 0; // application on parcel 2: transfer by law to Ferdie
let objected = 0; // application on parcel 4: rectify the parcel, objected to by Dave
let settledAt = 0; // the block of the financed sale's settlement

const card = (page: Page, heading: RegExp) => page.locator('section', { has: page.getByRole('heading', { name: heading }) });

/** Waits until the chain has finalized block `number` (alerts read finalized blocks only). */
async function waitForFinality(page: Page, number: number) {
  const status = page.getByTestId('chain-status');
  const finalized = async () => Number((await status.textContent())!.match(/finalized #(\d+)/)![1]);
  await expect.poll(finalized, { timeout: 30_000 }).toBeGreaterThanOrEqual(number);
}

test('an application: proposed by Alice, refused to its proposer, confirmed by Bob, shown with its notice deadline', async ({ page }) => {
  await open(page, '#/console');
  await signAs(page, 'alice');
  const form = card(page, /Propose an application/);
  await form.getByLabel('Parcel', { exact: true }).fill('2');
  await form.getByLabel('Change').selectOption('transferByLaw');
  // The form checks the owners as the chain does before anything is signed.
  await form.getByLabel(/New owners/).fill('ferdie:1/2');
  await form.getByLabel('Document hash (0x…)').fill(HASH_A);
  await form.getByRole('button', { name: 'Propose application' }).click();
  await expect(form.getByRole('alert')).toContainText('SharesDoNotSumToWhole');
  await form.getByLabel(/New owners/).fill('ferdie:1/1');
  await form.getByRole('button', { name: 'Propose application' }).click();
  await expect(form.locator('.success')).toContainText('proposed', { timeout: 30_000 });
  await expect(form.locator('.success')).toContainText('Dave');
  transfer = Number((await form.getByTestId('application-id').textContent())!.replace('#', ''));

  // The proposer cannot be the second pair of eyes: the chain's documented error.
  const confirmForm = card(page, /Confirm an application/);
  await confirmForm.getByLabel('Application number').fill(String(transfer));
  await confirmForm.getByRole('button', { name: 'Confirm application' }).click();
  await expect(confirmForm.getByRole('alert')).toContainText('landRegistry.SameRegistrar', { timeout: 30_000 });
  await signAs(page, 'bob');
  await confirmForm.getByRole('button', { name: 'Confirm application' }).click();
  await expect(confirmForm.locator('.success')).toContainText('in public notice', { timeout: 30_000 });
  await shot(page, '20-console-application-confirmed');

  await open(page, '#/parcel/2');
  const entry = page.getByTestId(`application-${transfer}`);
  await expect(entry).toContainText('Transfer by operation of law');
  await expect(entry).toContainText('In notice');
  await expect(entry).toContainText('public notice until block #');
  await expect(entry).toContainText('Ferdie');
  await checkA11y(page, 'a parcel page with a pending application');
  await shot(page, '21-parcel-application-in-notice');
});

test('an owner objects to an application; the council\'s motion deciding it is shown decoded, voted and closed', async ({ page }) => {
  await open(page, '#/console');
  await signAs(page, 'alice');
  const form = card(page, /Propose an application/);
  await form.getByLabel('Parcel', { exact: true }).fill('4');
  await form.getByLabel('Change').selectOption('rectifyParcel');
  await form.getByLabel('Area (m²)').fill('185500');
  await form.getByLabel('Geometry hash (0x…)').fill(HASH_G);
  await form.getByLabel('Document hash (0x…)').fill(HASH_A);
  await form.getByRole('button', { name: 'Propose application' }).click();
  await expect(form.locator('.success')).toContainText('proposed', { timeout: 30_000 });
  objected = Number((await form.getByTestId('application-id').textContent())!.replace('#', ''));

  // Eve owns no share of parcel 4: the form refuses before signing (NotAffected). Dave objects.
  const objectForm = card(page, /Object to an application/);
  await signAs(page, 'eve');
  await objectForm.getByLabel('Application number').fill(String(objected));
  await objectForm.getByLabel(/Grounds hash/).fill(HASH_G);
  await objectForm.getByRole('button', { name: 'Object' }).click();
  await expect(objectForm.getByRole('alert')).toContainText('NotAffected');
  await signAs(page, 'dave');
  await objectForm.getByRole('button', { name: 'Object' }).click();
  await expect(objectForm.locator('.success')).toContainText('council decides', { timeout: 30_000 });

  await open(page, '#/parcel/4');
  await expect(page.getByTestId(`application-${objected}`)).toContainText('Objected');
  await expect(page.getByTestId(`application-${objected}`)).toContainText('Dave');

  // Alice (council) proposes to dismiss the objection; the motion shows its call decoded.
  await open(page, '#/council');
  await signAs(page, 'alice');
  const motion = card(page, /Propose a motion/);
  await motion.getByLabel('Motion').selectOption('decideObjection');
  await motion.getByLabel('Application number').fill(String(objected));
  await motion.getByRole('button', { name: 'Propose motion' }).click();
  await expect(motion.locator('.success')).toContainText('proposed', { timeout: 30_000 });
  const open1 = page.locator('li.motion').filter({ has: page.getByTestId('decoded-call').filter({ hasText: 'decideObjection' }) }).first();
  await expect(open1.getByTestId('decoded-call')).toContainText('landRegistry.decideObjection');
  await expect(open1.getByTestId('decoded-call')).toContainText('Decide objection');
  await expect(open1.getByTestId('decoded-call')).toContainText(String(objected));
  await expect(open1).toContainText('1 of 2 ayes needed');
  await expect(open1).toContainText('Alice');
  await checkA11y(page, 'the council page');
  await shot(page, '22-council-motion');
  await signAs(page, 'bob');
  await open1.getByRole('button', { name: /Vote aye/ }).click();
  await expect(page.getByTestId('motion-result').locator('.success')).toContainText('Voted aye', { timeout: 30_000 });
  await expect(open1).toContainText('2 of 2 ayes needed');
  await open1.getByRole('button', { name: /Close motion/ }).click();
  await expect(page.getByTestId('motion-result').locator('.success')).toContainText('approved and executed', { timeout: 30_000 });
  await shot(page, '23-council-motion-closed');
  await open(page, '#/parcel/4');
  await expect(page.getByTestId(`application-${objected}`)).toHaveCount(0);
});

test('a financed purchase in the browser: the buyer names a lender, the lender funds, the grantee consents, a registrar approves', async ({ page }) => {
  await open(page, '#/console');
  // Ferdie offers parcel 5 to Dave for 1,000 LAND.
  await signAs(page, 'ferdie');
  const offerForm = card(page, /Offer a parcel/);
  await offerForm.getByLabel('Parcel').fill('5');
  await offerForm.getByLabel(/Buyer/).fill('dave');
  await offerForm.getByLabel(/Price/).fill('1000');
  await offerForm.getByLabel(/Deed hash/).fill(HASH_A);
  await offerForm.getByRole('button', { name: 'Make offer' }).click();
  await expect(offerForm.locator('.success')).toContainText('and open', { timeout: 30_000 });
  const offer = (await offerForm.getByTestId('offer-id').textContent())!.replace('#', '');

  // Dave accepts, Eve to lend 800 LAND at rank 1; the form first refuses advances above the price.
  await signAs(page, 'dave');
  const accept = card(page, /Accept an offer with finance/);
  await accept.getByLabel('Offer number').fill(offer);
  await accept.getByLabel(/Lenders, one per line/).fill('eve:1800:1');
  await accept.getByRole('button', { name: 'Accept with finance' }).click();
  await expect(accept.getByRole('alert')).toContainText('AdvancesExceedPrice');
  await accept.getByLabel(/Lenders, one per line/).fill('eve:800:1');
  await accept.getByRole('button', { name: 'Accept with finance' }).click();
  await expect(accept.locator('.success')).toContainText('200 LAND of your own held in escrow', { timeout: 30_000 });

  // Eve funds her advance with her mortgage deed.
  await signAs(page, 'eve');
  const fund = card(page, /Fund an advance/);
  await fund.getByLabel('Offer number').fill(offer);
  await fund.getByLabel(/Amount/).fill('800');
  await fund.getByLabel(/Mortgage deed hash/).fill(DEED);
  await fund.getByRole('button', { name: 'Fund advance' }).click();
  await expect(fund.locator('.success')).toContainText('held in escrow', { timeout: 30_000 });

  // Dave, the grantee, consents to Eve's terms: the finance is ready.
  await signAs(page, 'dave');
  const consent = card(page, /Consent to a lender's terms/);
  await consent.getByLabel('Offer number').fill(offer);
  await consent.getByLabel(/Lender/).fill('eve');
  await consent.getByLabel(/mortgage deed hash/).fill(DEED);
  await consent.getByRole('button', { name: 'Consent to advance' }).click();
  await expect(consent.locator('.success')).toContainText('a registrar may approve', { timeout: 30_000 });

  // No mortgage on parcel 5 before the sale: a redemption figure is refused by the chain.
  await signAs(page, 'eve');
  const redemption = card(page, /Lodge a redemption figure/);
  await redemption.getByLabel('Offer number').fill(offer);
  await redemption.getByLabel('Encumbrance number').fill('999');
  await redemption.getByLabel(/Redemption figure/).fill('10');
  await redemption.getByRole('button', { name: 'Lodge redemption' }).click();
  await expect(redemption.getByRole('alert')).toContainText('conveyance.lodgeRedemption failed: conveyance.', { timeout: 30_000 });

  await signAs(page, 'alice');
  const approve = card(page, /Approve a funded sale/);
  await approve.getByLabel('Offer number').fill(offer);
  await approve.getByRole('button', { name: 'Approve sale' }).click();
  await expect(approve.locator('.success')).toContainText('approved and settled', { timeout: 30_000 });
  settledAt = Number((await approve.locator('.success').getByRole('link', { name: /block #/ }).textContent())!.replace('block #', ''));
  await checkA11y(page, 'the whole console, its forms filled in and answered');
  await shot(page, '24-console-financed-purchase');

  await open(page, '#/parcel/5');
  await expect(page.getByTestId('current-owners')).toContainText('Dave');
  await expect(page.locator('ul.encumbrances')).toContainText('Mortgage');
  await expect(page.locator('ul.encumbrances')).toContainText('800 LAND');
  await expect(page.locator('ul.encumbrances')).toContainText('Eve');
  await expect(page.getByTestId('title-version-2')).toContainText('1,000 LAND');
  await shot(page, '25-parcel-financed');
});

test('after its notice, anyone enacts the application: parcel 2 passes to Ferdie', async ({ page }) => {
  expect(transfer).toBeGreaterThan(0);
  await open(page, '#/console');
  await signAs(page, 'charlie');
  const enact = card(page, /Enact an application/);
  await enact.getByLabel('Application number').fill(String(transfer));
  await expect(async () => {
    await enact.getByRole('button', { name: 'Enact application' }).click();
    await expect(enact.locator('.success')).toContainText('enacted', { timeout: 15_000 });
  }).toPass({ timeout: 45_000 });
  await open(page, '#/parcel/2');
  await expect(page.getByTestId('current-owners')).toContainText('Ferdie');
  await expect(page.getByTestId('title-version-2')).toContainText('Inheritance');
});

test('a recovery of Charlie\'s key: proposed, confirmed, refused to a stranger, vetoed by Charlie from the alerts page', async ({ page }) => {
  // Charlie's party's new account, attested by Bob's office in global-setup (fixtures.ts).
  const api = await connect(process.env.LANDCHAIN_WS);
  try {
    const charlie = await resolveAccount('charlie', { api });
    const replacement = (await resolveSigner(RECOVERY_REPLACEMENT.uri, { api })).address;
    expect(await attestation(api, replacement), 'the attestation global-setup sent').not.toBeNull();

    // Alice proposes recovering Charlie's key on parcel 1; the form first refuses the same account twice.
    await open(page, '#/console');
    await signAs(page, 'alice');
    const form = card(page, /Propose an application/);
    await form.getByLabel('Parcel', { exact: true }).fill('1');
    await form.getByLabel('Change').selectOption('recoverKey');
    await form.getByLabel(/Lost account/).fill(charlie);
    await form.getByLabel(/Replacement account/).fill(charlie);
    await form.getByLabel('Document hash (0x…)').fill(HASH_A);
    await form.getByRole('button', { name: 'Propose application' }).click();
    await expect(form.getByRole('alert')).toContainText('ReplacementIsLostKey');
    await form.getByLabel(/Replacement account/).fill(replacement);
    await form.getByRole('button', { name: 'Propose application' }).click();
    await expect(form.locator('.success')).toContainText('proposed', { timeout: 30_000 });
    const recovery = Number((await form.getByTestId('application-id').textContent())!.replace('#', ''));

    // Bob confirms (through the library, the console's confirmation is tested above) while Eve, a
    // stranger, tries to veto in the browser: the chain refuses her with its documented error.
    const bob = await resolveSigner('bob', { api });
    const confirmed = confirm(api, bob, { application: recovery }, { waitFor: 'inBlock' });
    await signAs(page, 'eve');
    const vetoForm = card(page, /Veto a recovery of your key/);
    await vetoForm.getByLabel('Application number').fill(String(recovery));
    await vetoForm.getByRole('button', { name: 'Veto recovery' }).click();
    await expect(vetoForm.getByRole('alert')).toContainText('landRegistry.NotLostKey', { timeout: 30_000 });
    await confirmed;

    await open(page, '#/parcel/1');
    const entry = page.getByTestId(`application-${recovery}`);
    await expect(entry).toContainText('Recovery of a lost key');
    await expect(entry).toContainText(`Charlie ${charlie} → ${replacement}`);
    await expect(entry).toContainText('In notice');
    await shot(page, '28a-parcel-recovery-pending');

    // Charlie, who did not lose the key, sees the alert and vetoes.
    await open(page, '#/alerts');
    await signAs(page, 'charlie');
    const alert = page.getByTestId(`recovery-${recovery}`);
    await expect(alert).toContainText(replacement);
    await expect(alert).toContainText('In notice');
    await checkA11y(page, 'the alerts page with a pending recovery');
    await shot(page, '28b-alerts-recovery');
    await alert.getByRole('button', { name: 'Veto this recovery' }).click();
    await expect(page.getByTestId('recovery-alerts').locator('.success')).toContainText(`Recovery application #${recovery} vetoed`, { timeout: 30_000 });
    await expect(page.getByTestId('recovery-alerts')).toContainText('No recovery of this key is pending');
    await shot(page, '28c-alerts-recovery-vetoed');

    await open(page, '#/parcel/1');
    await expect(page.getByTestId('current-owners')).toContainText('Charlie');
    await expect(page.getByTestId(`application-${recovery}`)).toHaveCount(0);
  } finally {
    await disconnect(api);
  }
});

test('alerts on my parcels: Dave sees the application, the objection and the financed sale', async ({ page }) => {
  await open(page, '#/alerts');
  await signAs(page, 'dave');
  expect(settledAt).toBeGreaterThan(0);
  await waitForFinality(page, settledAt);
  await page.getByRole('button', { name: 'Show alerts' }).click();
  const alerts = page.getByTestId('alerts');
  await expect(alerts).toContainText('Application proposed', { timeout: 60_000 });
  await expect(alerts).toContainText('Application objected');
  await expect(alerts).toContainText('Settled');
  await expect(page.getByTestId('alerts-range')).toContainText('Blocks #1–#');
  await checkA11y(page, 'the alerts page');
  await shot(page, '26-alerts');
});

test('registry statistics: counters and sales over the blocks the node keeps, with a chart', async ({ page }) => {
  await open(page, '#/stats');
  const stats = page.getByTestId('stats');
  await expect(stats).toBeVisible({ timeout: 60_000 });
  expect(Number(await page.getByTestId('stat-parcels').textContent())).toBeGreaterThanOrEqual(5);
  expect(Number(await page.getByTestId('stat-sales').textContent())).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('stat-value')).toContainText('LAND');
  await expect(page.getByTestId('stats-range')).toContainText('Range: blocks #');
  await expect(page.locator('figure.chart svg')).toHaveCount(2);
  await checkA11y(page, 'the statistics page');
  await shot(page, '27-stats');
});
