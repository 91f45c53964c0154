// Alerts on my parcels: the registry and sale events of recent finalized blocks that touch the
// parcels an account holds (applications against them, objections, encumbrances recorded or
// released, offers, settlements…) or name the account — the CLI's `owner watch` over a bounded
// window (scripts/src/watch.mjs), read from the node's own blocks, nothing stored elsewhere.
import { useState } from 'react';
import { watch } from '@landchain/scripts/watch.mjs';
import { resolveAccount } from '@landchain/scripts/keys.mjs';
import { useChain } from '../chain';
import { Account, BlockLink, ErrorBox, HumanValue, words } from '../components';
import { href } from '../router';
import { SignerPicker, useSigner } from '../signer';
import { readableRange } from '../history';

interface Alert {
  block: number;
  hash: string;
  event: { section: string; method: string; data: Record<string, any> };
  parcels: number[];
  reason: string;
}

const WINDOWS = [50, 250, 1000];
const HIDDEN = new Set(['parcel', 'parent', 'parents', 'children', 'dominantParcel']);

export function AlertsPage() {
  const { api, finalized } = useChain();
  const { signer } = useSigner();
  const [who, setWho] = useState('');
  const [blocks, setBlocks] = useState(String(WINDOWS[1]));
  const [state, setState] = useState<
    { status: 'idle' } | { status: 'busy'; scanned: string } | { status: 'done'; alerts: Alert[]; from: number; to: number; account: string; limited: boolean } | { status: 'failed'; error: unknown }
  >({ status: 'idle' });
  const run = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const account = await resolveAccount((who.trim() || signer?.address) ?? '', { api });
      const to = finalized;
      const wanted = Math.max(1, to - Number(blocks) + 1);
      setState({ status: 'busy', scanned: 'finding the blocks the node still has' });
      const { oldest } = await readableRange(api, to);
      const from = Math.max(wanted, oldest);
      setState({ status: 'busy', scanned: `reading blocks #${from}–#${to}` });
      const alerts: Alert[] = [];
      if (from <= to) {
        await watch(api, { accounts: [account], from, until: to, onAlert: (alert: Alert) => void alerts.push(alert) });
      }
      setState({ status: 'done', alerts: alerts.reverse(), from, to, account, limited: from > wanted });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };
  return (
    <>
      <h1>Alerts on my parcels</h1>
      <p className="lead">
        Every registry and sale event in recent <strong>finalized</strong> blocks that touches a parcel the account holds, or names the account: applications
        against its titles, objections, encumbrances, offers and settlements. Read from the node's blocks (the CLI's <code>landchain owner watch</code>, over a
        bounded window).
      </p>
      <SignerPicker purpose="Signed-in account (or type one below)" />
      <form className="card alerts-form" onSubmit={(e) => void run(e)}>
        <label>
          Account (SS58 address or dev name; empty: the signed-in account)
          <input value={who} onChange={(e) => setWho(e.target.value)} name="alertAccount" spellCheck={false} />
        </label>
        <label>
          How far back
          <select value={blocks} onChange={(e) => setBlocks(e.target.value)} name="alertWindow">
            {WINDOWS.map((n) => (
              <option key={n} value={n}>
                last {n} finalized blocks
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={state.status === 'busy'}>
          Show alerts
        </button>
      </form>
      <div aria-live="polite">
        {state.status === 'busy' && <p role="status">Reading… {state.scanned}</p>}
        {state.status === 'failed' && <ErrorBox error={state.error} title="Cannot read the alerts" />}
        {state.status === 'done' && (
          <section aria-labelledby="alerts-heading" data-testid="alerts">
            <h2 id="alerts-heading">
              {state.alerts.length} alert{state.alerts.length === 1 ? '' : 's'} for <Account address={state.account} />
            </h2>
            <p className="hint" data-testid="alerts-range">
              Blocks #{state.from}–#{state.to} (finalized), newest first.
              {state.limited && ' Older blocks\u2019 state is no longer kept by this node (a pruning node keeps about the last 256 blocks; an archive node, every block).'}
            </p>
            {state.alerts.length === 0 ? (
              <p>Nothing touched this account's parcels in these blocks.</p>
            ) : (
              <ol className="alerts">
                {state.alerts.map((alert, i) => (
                  <li key={`${alert.block}-${i}`} className="alert-entry">
                    <strong>{words(alert.event.method)}</strong> <code>{alert.event.section}.{alert.event.method}</code>
                    {alert.parcels.length > 0 && (
                      <>
                        {' '}
                        on{' '}
                        {alert.parcels.map((p, j) => (
                          <span key={p}>
                            {j > 0 && ', '}
                            <a href={href.parcel(p)}>parcel {p}</a>
                          </span>
                        ))}
                      </>
                    )}{' '}
                    · <BlockLink number={alert.block} hash={alert.hash} />
                    <div className="alert-fields">
                      {Object.entries(alert.event.data)
                        .filter(([name]) => !HIDDEN.has(name))
                        .map(([name, value]) => (
                          <span key={name} className="term">
                            {words(name)}: <HumanValue name={name} value={value} />{' '}
                          </span>
                        ))}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
      </div>
    </>
  );
}
