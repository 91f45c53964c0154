// A parcel's public page: current title, encumbrances, open sale, pending applications,
// attributes, lineage and the whole title history as a timeline; each document (a title version's
// or an encumbrance's source) links to the search for every record citing it.
import { useEffect, useState } from 'react';
import { parcelView, titleHistory, variantOf } from '@landchain/scripts/auditor.mjs';
import { pending } from '@landchain/scripts/applications.mjs';
import { useAmount, useChain } from '../chain';
import { Account, BlockLink, ErrorBox, Hash, Loading, Owners, sqm, words, type Owner } from '../components';
import { href } from '../router';
import { blockInfo, utc } from '../time';
import { CertificateDownload } from '../certificate';

interface TitleVersion {
  version: number;
  owners: Owner[];
  tenure: string;
  leaseholdExpiresAt: string | null;
  change: string;
  dealing: number | null;
  price: string | null;
  splitFrom: number | null;
  source: { kind: string; documentHash: string; uri: string | null };
  recordedAt: number;
  recordedBy: string | null;
}
interface View {
  parcel: {
    id: number;
    jurisdiction: string;
    cadastralReference: string;
    areaM2: string;
    landUse: string;
    geometryHash: string;
    source: { kind: string; documentHash: string; uri: string | null };
    origin: string;
    originParcels: number[];
    status: string;
    successors: number[];
    retiredAt: number | null;
    registeredAt: number;
  };
  title: TitleVersion | null;
  encumbrances: Array<{ id: number; kind: string; terms: Record<string, unknown>; source: { kind: string; documentHash: string }; recordedAt: number; recordedBy: string }>;
  lockedBy: number | null;
  offer: null | { offer: number; buyer: string; price: string; deadline: number; status: string; sellers: Owner[]; grantees: Owner[] };
}

const ACCOUNT_TERMS = new Set(['lender', 'holder', 'lessee']);
const AMOUNT_TERMS = new Set(['amount']);

/** A link to the search for every record citing a document (the registry's document index). */
function CitedBy({ hash }: { hash: string }) {
  return (
    <a className="cited-by" href={href.search({ document: hash })}>
      records citing this document
    </a>
  );
}

function Tenure({ title }: { title: TitleVersion }) {
  if (title.tenure === 'Leasehold' && title.leaseholdExpiresAt) {
    return <>Leasehold until {utc(Number(title.leaseholdExpiresAt) * 1000)}</>;
  }
  return <>{words(title.tenure)}</>;
}

/**
 * What a key recovery changed between two versions of a title: the lost key's place taken by the
 * replacement, the share kept (`[lost, replacement, share]` pairs).
 */
function keysReplaced(before: TitleVersion | undefined, after: TitleVersion) {
  if (!before) return [];
  const gone = before.owners.filter((o) => !after.owners.some((n) => n.account === o.account));
  const added = after.owners.filter((n) => !before.owners.some((o) => o.account === n.account));
  return gone.map((o, i) => [o.account, added[i]?.account ?? null, o.share] as const);
}

function Timeline({ versions }: { versions: TitleVersion[] }) {
  const { api } = useChain();
  const amount = useAmount();
  const [times, setTimes] = useState<Record<number, { hash: string; time: number | null }>>({});
  useEffect(() => {
    let live = true;
    Promise.all(versions.map((v) => blockInfo(api, v.recordedAt).then((info) => [v.recordedAt, info] as const))).then(
      (pairs) => live && setTimes(Object.fromEntries(pairs)),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, versions]);
  return (
    <ol className="timeline" aria-label="Title history, oldest first">
      {versions.map((v, index) => (
        <li key={v.version} className="timeline-entry" data-testid={`title-version-${v.version}`}>
          <div className="timeline-head">
            <span className="version">Version {v.version}</span> <span className="change">{words(v.change)}</span>
            {v.change === 'Sale' && v.price !== null && <span className="price"> for {amount(v.price)}</span>}
            {v.change === 'Split' && v.splitFrom !== null && (
              <span>
                {' '}
                from <a href={href.parcel(v.splitFrom)}>parcel {v.splitFrom}</a>
              </span>
            )}
            {v.change === 'KeyRecovery' && (
              <span className="recovered">
                :{' '}
                {keysReplaced(versions[index - 1], v).map(([lost, replacement, share], i) => (
                  <span key={lost}>
                    {i > 0 && '; '}
                    the lost key <Account address={lost} /> replaced by <Account address={replacement} /> (share {share} kept)
                  </span>
                ))}
              </span>
            )}
          </div>
          <dl className="facts">
            <dt>Recorded</dt>
            <dd>
              <BlockLink number={v.recordedAt} hash={times[v.recordedAt]?.hash} /> · <time>{v.recordedAt === 0 ? 'at genesis' : times[v.recordedAt] ? utc(times[v.recordedAt].time) : 'reading the time…'}</time>
            </dd>
            {v.dealing !== null && (
              <>
                <dt>Dealing</dt>
                <dd>#{v.dealing}</dd>
              </>
            )}
            <dt>Owners</dt>
            <dd>
              <Owners owners={v.owners} />
            </dd>
            <dt>Tenure</dt>
            <dd>
              <Tenure title={v} />
            </dd>
            <dt>Source</dt>
            <dd>
              {words(v.source.kind)} <Hash value={v.source.documentHash} />
              {v.source.uri && <> · {v.source.uri}</>} · <CitedBy hash={v.source.documentHash} />
            </dd>
            <dt>Recorded by</dt>
            <dd>{v.recordedBy ? <Account address={v.recordedBy} /> : v.recordedAt === 0 ? 'genesis' : v.dealing !== null ? `the settlement of dealing #${v.dealing}` : 'the chain'}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** The parcel's lineage as a small graph: where it came from → it → what it became. */
function Lineage({ parcel }: { parcel: View['parcel'] }) {
  if (parcel.originParcels.length === 0 && parcel.successors.length === 0) return null;
  const column = (ids: number[], label: string) => (
    <div className="lineage-column" aria-label={label}>
      {ids.map((id) => (
        <a key={id} className="lineage-node" href={href.parcel(id)}>
          parcel {id}
        </a>
      ))}
    </div>
  );
  return (
    <section aria-labelledby="lineage-heading">
      <h2 id="lineage-heading">Lineage</h2>
      <figure className="lineage" data-testid="lineage">
        {parcel.originParcels.length > 0 && (
          <>
            {column(parcel.originParcels, parcel.origin === 'SplitFrom' ? 'split from' : 'merged from')}
            <span className="lineage-arrow" aria-hidden="true">
              →
            </span>
          </>
        )}
        <div className="lineage-column">
          <span className="lineage-node current" aria-current="page">
            parcel {parcel.id}
          </span>
        </div>
        {parcel.successors.length > 0 && (
          <>
            <span className="lineage-arrow" aria-hidden="true">
              →
            </span>
            {column(parcel.successors, parcel.status === 'SplitInto' ? 'split into' : 'merged into')}
          </>
        )}
        <figcaption>
          {parcel.originParcels.length > 0 && <>{words(parcel.origin)} parcel{parcel.originParcels.length > 1 ? 's' : ''} {parcel.originParcels.join(', ')}. </>}
          {parcel.successors.length > 0 && (
            <>
              {words(parcel.status)} parcel{parcel.successors.length > 1 ? 's' : ''} {parcel.successors.join(', ')}
              {parcel.retiredAt !== null && <> in block #{parcel.retiredAt}</>}.
            </>
          )}
        </figcaption>
      </figure>
    </section>
  );
}

export function ParcelPage({ id }: { id: number }) {
  const { api, best } = useChain();
  const amount = useAmount();
  const [view, setView] = useState<View | null | undefined>(undefined);
  const [history, setHistory] = useState<TitleVersion[]>([]);
  const [applications, setApplications] = useState<Array<Record<string, any>>>([]);
  const [error, setError] = useState<unknown>(null);
  const [loadedMs, setLoadedMs] = useState<number | null>(null);
  // Reloaded at every new best block: the page follows the chain.
  useEffect(() => {
    let live = true;
    const started = performance.now();
    Promise.all([parcelView(api, id), titleHistory(api, id), pending(api, id).catch(() => [])]).then(
      ([v, h, a]) => {
        if (!live) return;
        setView(v);
        setHistory(h);
        setApplications(a);
        setError(null);
        setLoadedMs((ms) => ms ?? Math.round(performance.now() - started));
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, id, best]);

  if (error) return <ErrorBox error={error} title={`Cannot read parcel ${id}`} />;
  if (view === undefined) return <Loading what={`parcel ${id}`} />;
  if (view === null)
    return (
      <>
        <h1>Parcel {id}</h1>
        <p role="alert">No parcel {id} is registered on this chain.</p>
      </>
    );
  const { parcel, title, encumbrances, offer } = view;
  return (
    <article className="parcel" data-load-ms={loadedMs ?? undefined}>
      <h1>
        Parcel {parcel.id}: {parcel.cadastralReference} <span className="jurisdiction">({parcel.jurisdiction})</span>
      </h1>
      <p className={`status status-${parcel.status.toLowerCase()}`}>
        Status: {words(parcel.status)}
        {parcel.successors.length > 0 && (
          <>
            {' '}
            →{' '}
            {parcel.successors.map((s, i) => (
              <span key={s}>
                {i > 0 && ', '}
                <a href={href.parcel(s)}>parcel {s}</a>
              </span>
            ))}
          </>
        )}
        {view.lockedBy !== null && <> · locked by offer #{view.lockedBy}</>}
      </p>
      <div className="columns">
        <section aria-labelledby="title-heading" className="card">
          <h2 id="title-heading">Current title</h2>
          {title ? (
            <dl className="facts">
              <dt>Owners</dt>
              <dd data-testid="current-owners">
                <Owners owners={title.owners} />
              </dd>
              <dt>Tenure</dt>
              <dd>
                <Tenure title={title} />
              </dd>
              <dt>Version</dt>
              <dd>
                {title.version} ({words(title.change)})
              </dd>
            </dl>
          ) : (
            <p>No current title (the parcel is retired).</p>
          )}
        </section>
        <section aria-labelledby="parcel-heading" className="card">
          <h2 id="parcel-heading">Parcel</h2>
          <dl className="facts">
            <dt>Area</dt>
            <dd>{sqm(parcel.areaM2)}</dd>
            <dt>Land use</dt>
            <dd>{words(parcel.landUse)}</dd>
            <dt>Geometry hash</dt>
            <dd>
              <Hash value={parcel.geometryHash} />
            </dd>
            <dt>Registered</dt>
            <dd>
              <BlockLink number={parcel.registeredAt} />
            </dd>
            <dt>Lineage</dt>
            <dd>
              {parcel.originParcels.length === 0
                ? 'First registration'
                : (
                  <>
                    {words(parcel.origin)}{' '}
                    {parcel.originParcels.map((p, i) => (
                      <span key={p}>
                        {i > 0 && ', '}
                        <a href={href.parcel(p)}>parcel {p}</a>
                      </span>
                    ))}
                  </>
                )}
            </dd>
          </dl>
        </section>
      </div>
      <CertificateDownload parcel={parcel.id} />
      <Lineage parcel={parcel} />
      <section aria-labelledby="enc-heading">
        <h2 id="enc-heading">Encumbrances</h2>
        {encumbrances.length === 0 ? (
          <p>None: no mortgage, lien, easement, lease or caveat is recorded.</p>
        ) : (
          <ul className="encumbrances">
            {encumbrances.map((e) => (
              <li key={e.id}>
                <strong>
                  #{e.id} {words(e.kind)}
                </strong>{' '}
                {Object.entries(e.terms).map(([key, value]) => (
                  <span key={key} className="term">
                    {words(key)}:{' '}
                    {ACCOUNT_TERMS.has(key) ? <Account address={String(value)} /> : AMOUNT_TERMS.has(key) ? amount(String(value)) : String(value ?? '—')}{' '}
                  </span>
                ))}
                · recorded in <BlockLink number={e.recordedAt} /> · source: {words(e.source.kind)} (<CitedBy hash={e.source.documentHash} />)
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sale-heading">
        <h2 id="sale-heading">Open sale</h2>
        {offer ? (
          <p data-testid="open-offer">
            Offer #{offer.offer}: to <Account address={offer.buyer} /> for {amount(offer.price)} · {words(offer.status)} · deadline block #
            {offer.deadline}
          </p>
        ) : (
          <p>No open offer.</p>
        )}
      </section>
      <section aria-labelledby="app-heading">
        <h2 id="app-heading">Pending applications</h2>
        {applications.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className="applications" data-testid="applications">
            {applications.map((a) => {
              const status = variantOf(a.status) as { type: string; fields: Record<string, any> };
              const change = variantOf(a.change) as { type: string; fields: Record<string, any> };
              return (
                <li key={a.id} data-testid={`application-${a.id}`}>
                  {change.type === 'RecoverKey' ? (
                    <>
                      <strong>Application #{a.id}: Recovery of a lost key:</strong> <Account address={change.fields.lost} /> →{' '}
                      <Account address={change.fields.replacement} /> (the lost key may veto it until it is enacted)
                    </>
                  ) : (
                    <strong>
                      Application #{a.id}: {words(change.type)}
                    </strong>
                  )}
                  {change.type === 'ReleaseEncumbrance' && <> of encumbrance #{String(change.fields.encumbrance)}</>}
                  {change.fields.owners && (
                    <>
                      {' '}to{' '}
                      {(change.fields.owners as Array<{ account: string; share: any }>).map((o, i) => (
                        <span key={o.account}>
                          {i > 0 && ', '}
                          <Account address={o.account} /> ({typeof o.share === 'object' ? `${o.share.numerator}/${o.share.denominator}` : String(o.share)})
                        </span>
                      ))}
                    </>
                  )}{' '}
                  · <span className="app-status">{words(status.type)}</span>
                  {status.type === 'Proposed' && <> — a second registrar must confirm it by block #{String(status.fields.confirmBy)}</>}
                  {status.type === 'InNotice' && (
                    <>
                      {' '}
                      — public notice until block #{String(status.fields.noticeEnds)}
                      {best >= Number(status.fields.noticeEnds) ? ' (over: anyone may enact it unless objected to)' : ` (${Number(status.fields.noticeEnds) - best} blocks from now; affected parties may object until then)`}
                    </>
                  )}
                  {status.type === 'Objected' && (
                    <>
                      {' '}
                      — objected to by <Account address={status.fields.objector} />: the council decides
                    </>
                  )}
                  <div className="hint">
                    Proposed by <Account address={a.proposedBy} /> in <BlockLink number={Number(a.proposedAt ?? 0)} /> · may object:{' '}
                    {(a.affected ?? []).map((who: string, i: number) => (
                      <span key={who}>
                        {i > 0 && ', '}
                        <Account address={who} />
                      </span>
                    ))}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Title history</h2>
        <Timeline versions={history} />
      </section>
    </article>
  );
}
