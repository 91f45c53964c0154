// Registry statistics over the blocks the node still has state for: the registry's own counters
// (parcel, encumbrance, offer and application numbers issued) sampled at evenly spaced blocks, and
// from every block's events the title versions recorded and the sales settled with their total
// value. Drawn as small SVG line charts, each with its table (the same numbers, for screen readers
// and for copying).
import { useEffect, useState } from 'react';
import type { ApiPromise } from '@polkadot/api';
import { useAmount, useChain } from '../chain';
import { ErrorBox, Loading } from '../components';
import { eventsOf, readableRange } from '../history';

interface Sample {
  block: number;
  parcels: number;
  encumbrances: number;
  offers: number;
  applications: number;
  titles: number;
  sales: number;
  value: bigint;
}

const SAMPLES = 16;
const MAX_BLOCKS = 600;
/** The registry's "next id" counters: the count issued is the next id less one. */
const COUNTERS = [
  ['parcels', 'landRegistry', 'nextParcelId'],
  ['encumbrances', 'landRegistry', 'nextEncumbranceId'],
  ['offers', 'conveyance', 'nextOfferId'],
  ['applications', 'landRegistry', 'nextApplicationId'],
] as const;

async function countersAt(api: ApiPromise, block: number) {
  const at = await api.at(await api.rpc.chain.getBlockHash(block));
  const values = await Promise.all(COUNTERS.map(async ([, section, item]) => Math.max(0, Number((await (at.query as any)[section][item]()).toString()) - 1)));
  return Object.fromEntries(COUNTERS.map(([name], i) => [name, values[i]])) as Record<(typeof COUNTERS)[number][0], number>;
}

async function readStats(api: ApiPromise, best: number, onProgress: (text: string) => void) {
  const range = await readableRange(api, best);
  const from = Math.max(range.oldest, best - MAX_BLOCKS + 1);
  const step = Math.max(1, Math.ceil((best - from) / (SAMPLES - 1)));
  const points: number[] = [];
  for (let b = from; b < best; b += step) points.push(b);
  points.push(best);
  // Events of every block in the range: title versions and settled sales, cumulative.
  const perBlock = new Map<number, { titles: number; sales: number; value: bigint }>();
  onProgress(`reading the events of blocks #${from}–#${best}`);
  await eventsOf(api, from, best, (number, events) => {
    let titles = 0;
    let sales = 0;
    let value = 0n;
    for (const e of events) {
      if (e.section === 'landRegistry' && e.method === 'TitleRecorded') titles += 1;
      if (e.section === 'conveyance' && e.method === 'Settled') {
        sales += 1;
        value += BigInt(String(e.data.price ?? 0));
      }
    }
    perBlock.set(number, { titles, sales, value });
  });
  onProgress(`reading the registry's counters at ${points.length} blocks`);
  const samples: Sample[] = [];
  let titles = 0;
  let sales = 0;
  let value = 0n;
  let cursor = from;
  for (const block of points) {
    for (; cursor <= block; cursor += 1) {
      const found = perBlock.get(cursor);
      if (found) {
        titles += found.titles;
        sales += found.sales;
        value += found.value;
      }
    }
    samples.push({ block, ...(await countersAt(api, block)), titles, sales, value });
  }
  return { from, to: best, oldest: range.oldest, samples, limited: from > 1 };
}

const COLORS = ['#0b5cab', '#1d6b36', '#8a5a00', '#7a2e8e'];

/** A line chart of series over the sampled blocks; the same numbers are in the table beside it. */
function LineChart({ title, samples, series, format = String }: { title: string; samples: Sample[]; series: Array<{ key: keyof Sample; label: string }>; format?: (v: number) => string }) {
  const W = 560;
  const H = 220;
  const pad = { left: 64, right: 12, top: 12, bottom: 34 };
  const xs = samples.map((s) => s.block);
  const values = series.flatMap((s) => samples.map((p) => Number(p[s.key])));
  // A top that halves evenly: 2, 4, 6… below 10, else two significant digits rounded up to even.
  const top = Math.max(1, ...values);
  const magnitude = top < 10 ? 1 : 10 ** (Math.floor(Math.log10(top)) - 1);
  const maxY = Math.ceil(top / magnitude / 2) * 2 * magnitude;
  const minX = xs[0];
  const maxX = Math.max(xs[xs.length - 1], minX + 1);
  const x = (b: number) => pad.left + ((b - minX) / (maxX - minX)) * (W - pad.left - pad.right);
  const y = (v: number) => H - pad.bottom - (v / maxY) * (H - pad.top - pad.bottom);
  const ticks = [0, 0.5, 1].map((f) => f * maxY);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${series.map((s) => `${s.label} ${format(Number(samples[samples.length - 1][s.key]))}`).join(', ')} at block #${maxX}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={W - pad.right} y1={y(t)} y2={y(t)} stroke="#d5dae1" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#3b4656">
              {format(t)}
            </text>
          </g>
        ))}
        <text x={pad.left} y={H - 8} fontSize="11" fill="#3b4656">
          block #{minX}
        </text>
        <text x={W - pad.right} y={H - 8} fontSize="11" fill="#3b4656" textAnchor="end">
          block #{maxX}
        </text>
        {series.map((s, i) => (
          <polyline
            key={String(s.key)}
            fill="none"
            stroke={COLORS[i % COLORS.length]}
            strokeWidth="2.5"
            strokeDasharray={i % 2 ? '6 3' : undefined}
            points={samples.map((p) => `${x(p.block).toFixed(1)},${y(Number(p[s.key])).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        <strong>{title}</strong>{' '}
        {series.map((s, i) => (
          <span key={String(s.key)} className="legend">
            <span className="swatch" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function StatsPage() {
  const { api, best, token } = useChain();
  const amount = useAmount();
  // The block the statistics are read at: the best block once the chain has reported one, again on *Refresh*.
  const [at, setAt] = useState<number | null>(best > 0 ? best : null);
  useEffect(() => {
    if (at === null && best > 0) setAt(best);
  }, [at, best]);
  const [progress, setProgress] = useState('finding the blocks the node still has');
  const [stats, setStats] = useState<Awaited<ReturnType<typeof readStats>> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (at === null) return;
    let live = true;
    setStats(null);
    readStats(api, at, (text) => live && setProgress(text)).then(
      (s) => live && setStats(s),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, at]);
  const whole = 10 ** token.decimals;
  return (
    <>
      <h1>Registry statistics</h1>
      <p className="lead">
        The registry's counters sampled at up to {SAMPLES} blocks, and the title versions and settled sales counted from every block's events. Only blocks whose
        state the node still holds can be read (a pruning node keeps about the last 256; an archive node, all), at most the last {MAX_BLOCKS}.
      </p>
      <p>
        Read at block #{at ?? '…'}.{' '}
        <button type="button" className="secondary" onClick={() => setAt(best)} disabled={!stats || at === best}>
          Read again at block #{best}
        </button>
      </p>
      {error ? (
        <ErrorBox error={error} title="Cannot read the statistics" />
      ) : !stats ? (
        <Loading what={`the statistics (${progress})`} />
      ) : (
        <article data-testid="stats">
          <p className="hint" data-testid="stats-range">
            Range: blocks #{stats.from}–#{stats.to}
            {stats.limited ? ` (the node keeps state from block #${stats.oldest}; earlier blocks are not counted)` : ' (the whole chain)'}. Titles and sales count
            from block #{stats.from}; the counters are totals since genesis.
          </p>
          <dl className="facts totals">
            <dt>Parcels registered (ids issued)</dt>
            <dd data-testid="stat-parcels">{stats.samples[stats.samples.length - 1].parcels}</dd>
            <dt>Title versions recorded in range</dt>
            <dd data-testid="stat-titles">{stats.samples[stats.samples.length - 1].titles}</dd>
            <dt>Sales settled in range</dt>
            <dd data-testid="stat-sales">{stats.samples[stats.samples.length - 1].sales}</dd>
            <dt>Their total value</dt>
            <dd data-testid="stat-value">{amount(stats.samples[stats.samples.length - 1].value)}</dd>
          </dl>
          <div className="charts">
            <LineChart
              title="Registry over time"
              samples={stats.samples}
              series={[
                { key: 'parcels', label: 'parcels (total)' },
                { key: 'titles', label: 'title versions (in range)' },
                { key: 'sales', label: 'sales (in range)' },
                { key: 'encumbrances', label: 'encumbrances (total)' },
              ]}
              format={(v) => String(Math.round(v))}
            />
            <LineChart
              title={`Value of sales settled (${token.symbol}, in range)`}
              samples={stats.samples.map((s) => ({ ...s, value: s.value }))}
              series={[{ key: 'value', label: `total sale value (${token.symbol})` }]}
              format={(v) => (v / whole).toLocaleString('en-US', { maximumFractionDigits: 0 })}
            />
          </div>
          <table className="results">
            <caption>The sampled values</caption>
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Parcels</th>
                <th scope="col">Encumbrances</th>
                <th scope="col">Offers</th>
                <th scope="col">Applications</th>
                <th scope="col">Title versions</th>
                <th scope="col">Sales</th>
                <th scope="col">Sale value</th>
              </tr>
            </thead>
            <tbody>
              {stats.samples.map((s) => (
                <tr key={s.block}>
                  <td>#{s.block}</td>
                  <td>{s.parcels}</td>
                  <td>{s.encumbrances}</td>
                  <td>{s.offers}</td>
                  <td>{s.applications}</td>
                  <td>{s.titles}</td>
                  <td>{s.sales}</td>
                  <td>{amount(s.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}
    </>
  );
}
