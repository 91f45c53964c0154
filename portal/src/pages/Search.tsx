// Public search: by parcel number, by jurisdiction and cadastral reference, by owner (paged through
// the runtime API `parcelsOf`, never the whole registry).
import { useEffect, useState, type FormEvent } from 'react';
import { plainParcel } from '@landchain/scripts/auditor.mjs';
import { resolveAccount } from '@landchain/scripts/keys.mjs';
import { useChain } from '../chain';
import { Account, ErrorBox, Loading, sqm, words } from '../components';
import { href } from '../router';

const PAGE_SIZE = 20;

interface ParcelRow {
  id: number;
  jurisdiction: string;
  cadastralReference: string;
  areaM2: string;
  landUse: string;
  status: string;
}

function go(params: Record<string, string>) {
  window.location.hash = href.search(params);
}

function ParcelTable({ rows, caption }: { rows: ParcelRow[]; caption: string }) {
  return (
    <table className="results">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Parcel</th>
          <th scope="col">Jurisdiction</th>
          <th scope="col">Cadastral reference</th>
          <th scope="col">Area</th>
          <th scope="col">Land use</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <a href={href.parcel(row.id)}>Parcel {row.id}</a>
            </td>
            <td>{row.jurisdiction}</td>
            <td>{row.cadastralReference}</td>
            <td>{sqm(row.areaM2)}</td>
            <td>{words(row.landUse)}</td>
            <td>{words(row.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'rows'; rows: ParcelRow[]; caption: string; owner?: string; next?: number | null; after?: string };

function useResults(params: URLSearchParams): Outcome {
  const { api } = useChain();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const key = params.toString();
  useEffect(() => {
    let live = true;
    const load = async (ids: number[]): Promise<ParcelRow[]> => {
      if (ids.length === 0) return [];
      const records = await api.query.landRegistry.parcels.multi(ids);
      return (records as any[]).filter((record) => record.isSome).map((record) => plainParcel(record.unwrap()));
    };
    (async (): Promise<Outcome> => {
      const id = params.get('parcel');
      const reference = params.get('reference');
      const owner = params.get('owner');
      if (id) {
        if (!/^\d+$/.test(id.trim())) return { kind: 'error', error: `"${id}" is not a parcel number` };
        const rows = await load([Number(id)]);
        return { kind: 'rows', rows, caption: `Parcel number ${id}` };
      }
      if (reference !== null) {
        const jurisdiction = params.get('jurisdiction') ?? '';
        const found = await api.query.landRegistry.parcelByReference(jurisdiction, reference);
        const rows = (found as any).isSome ? await load([(found as any).unwrap().toNumber()]) : [];
        return { kind: 'rows', rows, caption: `Reference ${reference} in ${jurisdiction}` };
      }
      if (owner) {
        const account = await resolveAccount(owner, { api });
        const after = params.get('after');
        const ids = (await (api.call as any).landRegistryApi.parcelsOf(account, after === null ? null : Number(after), PAGE_SIZE)).map(
          (value: { toNumber(): number }) => value.toNumber(),
        );
        const rows = await load(ids);
        const next = ids.length === PAGE_SIZE ? ids[ids.length - 1] : null;
        return { kind: 'rows', rows, caption: `Parcels held by ${owner}`, owner: account, next, after: after ?? undefined };
      }
      return { kind: 'none' };
    })().then(
      (result) => live && setOutcome(result),
      (error) => live && setOutcome({ kind: 'error', error }),
    );
    setOutcome({ kind: 'loading' });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
  return outcome;
}

export function SearchPage({ params }: { params: URLSearchParams }) {
  const [parcel, setParcel] = useState(params.get('parcel') ?? '');
  const [jurisdiction, setJurisdiction] = useState(params.get('jurisdiction') ?? 'LC-CENTRAL');
  const [reference, setReference] = useState(params.get('reference') ?? '');
  const [owner, setOwner] = useState(params.get('owner') ?? '');
  const outcome = useResults(params);
  const submit = (what: Record<string, string>) => (event: FormEvent) => {
    event.preventDefault();
    go(what);
  };
  return (
    <>
      <h1>Search the land registry</h1>
      <p className="lead">Every title, charge and change is public. Search by parcel number, by cadastral reference or by owner account.</p>
      <div className="search-forms">
        <form onSubmit={submit({ parcel: parcel.trim() })} aria-labelledby="by-number">
          <h2 id="by-number">By parcel number</h2>
          <label htmlFor="search-parcel">Parcel number</label>
          <input id="search-parcel" inputMode="numeric" value={parcel} onChange={(e) => setParcel(e.target.value)} required />
          <button type="submit">Find parcel</button>
        </form>
        <form onSubmit={submit({ jurisdiction: jurisdiction.trim(), reference: reference.trim() })} aria-labelledby="by-reference">
          <h2 id="by-reference">By cadastral reference</h2>
          <label htmlFor="search-jurisdiction">Jurisdiction</label>
          <input id="search-jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} required />
          <label htmlFor="search-reference">Cadastral reference</label>
          <input id="search-reference" value={reference} onChange={(e) => setReference(e.target.value)} placeholder="BLOCK-1/101" required />
          <button type="submit">Find by reference</button>
        </form>
        <form onSubmit={submit({ owner: owner.trim() })} aria-labelledby="by-owner">
          <h2 id="by-owner">By owner</h2>
          <label htmlFor="search-owner">Owner account (SS58 address; dev names such as charlie on --dev)</label>
          <input id="search-owner" value={owner} onChange={(e) => setOwner(e.target.value)} spellCheck={false} required />
          <button type="submit">Find parcels of owner</button>
        </form>
      </div>
      <section aria-live="polite" className="search-results">
        {outcome.kind === 'loading' && <Loading what="results" />}
        {outcome.kind === 'error' && <ErrorBox error={outcome.error} title="Search failed" />}
        {outcome.kind === 'rows' && (
          <>
            <h2>Results</h2>
            {outcome.owner && (
              <p>
                Owner: <Account address={outcome.owner} />
              </p>
            )}
            {outcome.rows.length === 0 ? <p className="empty">No parcel found.</p> : <ParcelTable rows={outcome.rows} caption={outcome.caption} />}
            {outcome.owner && (
              <nav className="pager" aria-label="Result pages">
                {outcome.after !== undefined && (
                  <a href={href.search({ owner: params.get('owner') ?? '' })}>First page</a>
                )}
                {outcome.next !== null && outcome.next !== undefined && (
                  <a href={href.search({ owner: params.get('owner') ?? '', after: String(outcome.next) })}>Next page</a>
                )}
              </nav>
            )}
          </>
        )}
      </section>
    </>
  );
}
