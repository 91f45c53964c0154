// Alerts on my parcels: the registry and sale events of recent finalized blocks that touch the
// parcels an account holds (applications against them, objections, encumbrances recorded or
// released, offers, settlements…) or name the account — the CLI's `owner watch` over a bounded
// window (scripts/src/watch.mjs), read from the node's own blocks, nothing stored elsewhere. Above
// them, the pending recoveries of the account's key (scripts/src/recovery.mjs, read at the best
// block): the lost key itself vetoes one with a button.
import { useEffect, useState } from 'react';
import { watch } from '@landchain/scripts/watch.mjs';
import { resolveAccount } from '@landchain/scripts/keys.mjs';
import { recoveries, veto } from '@landchain/scripts/recovery.mjs';
import { useChain } from '../chain';
import { Account, BlockLink, ErrorBox, HumanValue, words } from '../components';
import { OPTIONS, Result, useAction } from '../forms';
import { href } from '../router';
import { SignerPicker, useSigner } from '../signer';
import { readableRange } from '../history';

interface Alert {
  block: number;
  hash: string;
  event: { section: string; method: string; data: Record<string, any> };
  parcels: number[];
  reason: string;
  /** Set on the events of a pending recovery that names the watched account as the lost key. */
  veto?: string;
}

interface Recovery {
  application: number;
  parcel: number;
  lost: string;
  replacement: string;
  status: string;
  confirmBy: number | null;
  noticeEnds: number | null;
  proposedBy: string;
}

const WINDOWS = [50, 250, 1000];
const HIDDEN = new Set(['parcel', 'parent', 'parents', 'children', 'dominantParcel']);

/**
 * The pending recovery applications naming `account` as the lost key, read at the best block (not
 * the finalized window below: a recovery proposed long ago can be vetoed until it is enacted),
 * each with *Veto this recovery* for the lost key itself; a refusal shows the chain's error.
 */
function PendingRecoveries({ account }: { account: string }) {
  const { api } = useChain();
  const { signer } = useSigner();
  const { outcome, run } = useAction(signer);
  const [list, setList] = useState<Recovery[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let live = true;
    recoveries(api, { lost: account }).then(
      (found: Recovery[]) => {
        if (!live) return;
        setList(found);
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, account, reads]);
  const vetoIt = (application: number) =>
    run(async (s) => {
      const { receipt } = await veto(api, s, { applications: [application] }, OPTIONS);
      setReads((n) => n + 1);
      return { receipt, message: <>Recovery application #{application} vetoed: it is closed and nothing moves</> };
    });
  if (error) return <ErrorBox error={error} title="Cannot read the pending recoveries" />;
  if (list.length === 0 && outcome.state === 'idle') return null;
  return (
    <section className="card recovery-alert" aria-labelledby="recovery-heading" data-testid="recovery-alerts">
      <h2 id="recovery-heading">Recovery of this key</h2>
      {list.length === 0 ? (
        <p>No recovery of this key is pending.</p>
      ) : (
        <>
          <p role="alert">
            A registrar has applied to replace <Account address={account} /> as a lost key. If you did not lose it, veto the recovery: whoever signs with the key
            has not lost it. Once enacted, the replacement holds this account's place on the parcel.
          </p>
          <ul className="recoveries">
            {list.map((r) => (
              <li key={r.application} data-testid={`recovery-${r.application}`}>
                <strong>Application #{r.application}</strong> on <a href={href.parcel(r.parcel)}>parcel {r.parcel}</a>: <Account address={r.lost} /> →{' '}
                <Account address={r.replacement} /> · {words(r.status)}
                {r.status === 'Proposed' && r.confirmBy !== null && <> (a second registrar may confirm it until block #{r.confirmBy})</>}
                {r.status === 'InNotice' && r.noticeEnds !== null && <> (anyone may enact it from block #{r.noticeEnds})</>} · proposed by{' '}
                <Account address={r.proposedBy} />{' '}
                {signer?.address === r.lost ? (
                  <button type="button" disabled={outcome.state === 'busy'} onClick={() => void vetoIt(r.application)}>
                    Veto this recovery
                  </button>
                ) : (
                  <span className="hint">Only the key itself can veto it: sign in as this account.</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Result outcome={outcome} />
    </section>
  );
}

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
      {(state.status === 'done' ? state.account : signer?.address) && <PendingRecoveries account={(state.status === 'done' ? state.account : signer?.address)!} />}
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
                  <li key={`${alert.block}-${i}`} className={alert.veto ? 'alert-entry recovery' : 'alert-entry'}>
                    {alert.veto && <strong className="flag">Recovery of this key · </strong>}
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
