// The figures of a run, from the finalized blocks' rows (engine.mjs), the node's log and the
// submitter's counters: per phase, throughput over its steady window, block fullness, authoring
// time and pool rejections; printed as a table, and drawn as a PNG chart (vega-lite renders SVG
// headless, resvg turns it into PNG).

import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const max = (values) => (values.length ? Math.max(...values) : null);
function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (value, digits = 1) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

/** The titles of a national registry, for the projection of the register phase's rate. */
export const NATIONAL_TITLES = 26_000_000;

/** Seconds covered by consecutive blocks `rows` (from the block before the first to the last). */
function span(rows, byNumber, blockTimeMs) {
  if (!rows.length) return 0;
  const before = byNumber.get(rows[0].number - 1);
  const start = before ? before.timestamp : rows[0].timestamp - blockTimeMs;
  return (rows[rows.length - 1].timestamp - start) / 1000;
}

/**
 * The figures of each phase: `{ name, blocks: [from, to], window: [from, to], windowSeconds,
 * transfers, settled, registered, transfersPerSec, salesPerSec, registrationsPerSec, …, fullness,
 * extrinsics, authoringMs, endReasons, rejections, failures }`. Throughput is counted over the phase's steady window:
 * its blocks after the warm-up, up to the last block authored while the phase was still fed.
 */
export function phaseFigures({ phases, rows, authoring, rejections, failures, blockTimeMs }) {
  const byNumber = new Map(rows.map((row) => [row.number, row]));
  return phases.map((phase) => {
    const blocks = rows.filter((row) => row.number >= phase.startBlock && row.number <= phase.endBlock);
    let window = rows.filter((row) => row.number >= phase.startBlock + phase.warmupBlocks && row.number <= phase.feedEndBlock);
    if (window.length < 2) window = blocks;
    const windowSeconds = span(window, byNumber, blockTimeMs);
    const sum = (list, key) => list.reduce((total, row) => total + row[key], 0);
    const authored = window.map((row) => authoring.get(row.hash)).filter(Boolean);
    const endReasons = {};
    for (const entry of authored) endReasons[entry.end] = (endReasons[entry.end] ?? 0) + 1;
    const phaseRejections = rejections[phase.name] ?? {};
    return {
      name: phase.name,
      blocks: blocks.length ? [blocks[0].number, blocks[blocks.length - 1].number] : null,
      window: window.length ? [window[0].number, window[window.length - 1].number] : null,
      windowSeconds: round(windowSeconds, 1),
      seconds: round(span(blocks, byNumber, blockTimeMs), 1),
      transfers: sum(blocks, 'transfers'),
      settled: sum(blocks, 'settled'),
      registered: sum(blocks, 'registered'),
      windowTransfers: sum(window, 'transfers'),
      windowSettled: sum(window, 'settled'),
      windowRegistered: sum(window, 'registered'),
      transfersPerSec: windowSeconds ? round(sum(window, 'transfers') / windowSeconds, 1) : null,
      salesPerSec: windowSeconds ? round(sum(window, 'settled') / windowSeconds, 2) : null,
      registrationsPerSec: windowSeconds ? round(sum(window, 'registered') / windowSeconds, 1) : null,
      fullness: {
        refTimeMeanPct: round(mean(window.map((row) => row.refTimePct))),
        refTimeMaxPct: round(max(window.map((row) => row.refTimePct))),
        proofMeanKiB: round(mean(window.map((row) => row.proofKiB)), 0),
        proofMaxKiB: max(window.map((row) => row.proofKiB)),
      },
      extrinsics: { mean: round(mean(window.map((row) => row.extrinsics))), max: max(window.map((row) => row.extrinsics)) },
      authoringMs: {
        blocks: authored.length,
        mean: round(mean(authored.map((entry) => entry.ms))),
        p50: percentile(authored.map((entry) => entry.ms), 50),
        max: max(authored.map((entry) => entry.ms)),
      },
      endReasons,
      rejections: { total: Object.values(phaseRejections).reduce((a, b) => a + b, 0), byReason: phaseRejections },
      failures: failures[phase.name] ?? {},
      fed: phase.fed,
      exhausted: phase.exhausted,
    };
  });
}

/**
 * The headline: transfers/s of the transfers phase, sales/s of the sales phase, their ratio;
 * registrations/s of the register phase and the hours `NATIONAL_TITLES` would take at that rate.
 */
export function headline(figures) {
  const transfers = figures.find((phase) => phase.name === 'transfers');
  const sales = figures.find((phase) => phase.name === 'sales');
  const register = figures.find((phase) => phase.name === 'register');
  const transfersPerSec = transfers?.transfersPerSec ?? null;
  const salesPerSec = sales?.salesPerSec ?? null;
  const registrationsPerSec = register?.registrationsPerSec ?? null;
  return {
    transfersPerSec,
    salesPerSec,
    ratio: transfersPerSec && salesPerSec !== null ? round(salesPerSec / transfersPerSec, 4) : null,
    registrationsPerSec,
    nationalTitlesHours: registrationsPerSec ? round(NATIONAL_TITLES / registrationsPerSec / 3600, 1) : null,
  };
}

const dash = (value) => (value === null || value === undefined ? '—' : String(value));
const range = (pair) => (pair ? `#${pair[0]}–#${pair[1]}` : '—');

/** The figures as a text table: one column per phase, one row per figure. */
export function table({ figures, head, context }) {
  const rows = [
    ['blocks (finalized)', (f) => range(f.blocks)],
    ['steady window', (f) => (f.window ? `${range(f.window)} (${f.windowSeconds} s)` : '—')],
    ['transfers counted (phase)', (f) => f.transfers],
    ['transfers/s (window)', (f) => dash(f.transfersPerSec)],
    ['settled sales counted (phase)', (f) => f.settled],
    ['settled sales/s (window)', (f) => dash(f.salesPerSec)],
    ['parcels registered (phase)', (f) => f.registered],
    ['registrations/s (window)', (f) => dash(f.registrationsPerSec)],
    ['weight, % of max normal (mean/max)', (f) => `${dash(f.fullness.refTimeMeanPct)} / ${dash(f.fullness.refTimeMaxPct)}`],
    ['proof size, KiB (mean/max)', (f) => `${dash(f.fullness.proofMeanKiB)} / ${dash(f.fullness.proofMaxKiB)}`],
    ['extrinsics per block (mean/max)', (f) => `${dash(f.extrinsics.mean)} / ${dash(f.extrinsics.max)}`],
    ['authoring ms per block (mean/p50/max)', (f) => `${dash(f.authoringMs.mean)} / ${dash(f.authoringMs.p50)} / ${dash(f.authoringMs.max)}`],
    ['block ended by', (f) => Object.entries(f.endReasons).sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${reason} ${n}`).join(', ') || '—'],
    ['pool rejections', (f) => f.rejections.total],
    ['failed dispatches', (f) => Object.values(f.failures).reduce((a, b) => a + b, 0)],
  ];
  const header = ['', ...figures.map((f) => f.name)];
  const cells = [header, ...rows.map(([name, value]) => [name, ...figures.map((f) => String(value(f)))])];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  const lines = [
    `Landchain load generator — ${context.node}`,
    `${context.machine}; ${context.started}`,
    `sizes: ${context.sizes}`,
    '',
    line(cells[0]),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.slice(1).map(line),
    '',
    `transfers/s (transfers phase): ${dash(head.transfersPerSec)}`,
    `settled sales/s (sales phase): ${dash(head.salesPerSec)}`,
    `ratio sales/s ÷ transfers/s:   ${dash(head.ratio)}`,
    `registrations/s (register phase): ${dash(head.registrationsPerSec)}`,
    `${NATIONAL_TITLES / 1e6} M titles at this rate:         ${head.nationalTitlesHours === null ? '—' : `${head.nationalTitlesHours} h`}`,
  ];
  const reasons = figures.flatMap((f) => Object.entries(f.rejections.byReason).map(([reason, n]) => `  ${f.name}: ${n} × ${reason}`));
  if (reasons.length) lines.push('', 'pool rejections by reason:', ...reasons);
  const failures = figures.flatMap((f) => Object.entries(f.failures).map(([reason, n]) => `  ${f.name}: ${n} × ${reason}`));
  if (failures.length) lines.push('', 'failed dispatches:', ...failures);
  return `${lines.join('\n')}\n`;
}

const PHASE_COLORS = { prep: '#9e9e9e', transfers: '#4c78a8', sales: '#e45756', mixed: '#72b7b2', register: '#f58518' };

/**
 * The chart: transfers/s, settled sales/s, registrations/s and block weight (% of max normal) per
 * finalized block over time, the phases shaded behind. Returns PNG bytes.
 */
export async function chartPng({ rows, phases, title, blockTimeMs }) {
  if (!rows.length) throw new Error('no finalized blocks to chart');
  const t0 = rows[0].timestamp - blockTimeMs;
  const points = [];
  let previous = t0;
  for (const row of rows) {
    const seconds = Math.max(0.001, (row.timestamp - previous) / 1000);
    previous = row.timestamp;
    const t = (row.timestamp - t0) / 1000;
    points.push({ t, series: 'transfers/s', value: row.transfers / seconds });
    points.push({ t, series: 'settled sales/s', value: row.settled / seconds });
    points.push({ t, series: 'registrations/s', value: row.registered / seconds });
    points.push({ t, series: 'weight %', value: row.refTimePct });
  }
  const timeOf = (number) => {
    const row = rows.find((r) => r.number === number);
    return row ? (row.timestamp - t0) / 1000 : null;
  };
  const bands = phases
    .map((phase) => ({ phase: phase.name, start: timeOf(phase.startBlock) - blockTimeMs / 1000, end: timeOf(phase.endBlock) }))
    .filter((band) => band.start !== null && band.end !== null);
  const names = phases.map((phase) => phase.name);
  const end = (rows[rows.length - 1].timestamp - t0) / 1000;
  const x = { field: 't', type: 'quantitative', title: 'seconds since the first block (block timestamps)', scale: { domain: [0, end], nice: false } };
  const panel = (series, yTitle, color) => ({
    height: 150,
    width: 900,
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect', opacity: 0.16 },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: x.title, scale: x.scale },
          x2: { field: 'end' },
          color: {
            field: 'phase',
            type: 'nominal',
            scale: { domain: names, range: names.map((name) => PHASE_COLORS[name] ?? '#bbbbbb') },
            legend: { title: 'phase', orient: 'top' },
          },
        },
      },
      {
        data: { values: points.filter((point) => point.series === series) },
        mark: { type: 'line', color, strokeWidth: 1.6, interpolate: 'step-before' },
        encoding: { x, y: { field: 'value', type: 'quantitative', title: yTitle } },
      },
    ],
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 14 },
    background: 'white',
    config: { font: 'DejaVu Sans', axis: { labelFontSize: 11, titleFontSize: 12 } },
    vconcat: [
      panel('transfers/s', 'transfers/s', '#1f4e79'),
      panel('settled sales/s', 'settled sales/s', '#b22222'),
      panel('registrations/s', 'registrations/s', '#b35806'),
      panel('weight %', 'weight, % of max normal', '#555555'),
    ],
    resolve: { scale: { color: 'shared' } },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } })
    .render()
    .asPng();
}
