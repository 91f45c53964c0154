// Public search: by parcel number, by jurisdiction and cadastral reference, by owner (paged through
// the runtime API `parcelsOf`), by document — the records citing a deed, survey or court order,
// paged through the registry's document index (citations.mjs) — never the whole registry. A
// document is given by its hash, or as a file hashed in the browser (blake2-256): the file is
// never sent anywhere.
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { plainParcel } from '@landchain/scripts/auditor.mjs';
import { INDEX_INCOMPLETE, citationsOf, describeCitation, describeState } from '@landchain/scripts/citations.mjs';
import { hashBytes } from '@landchain/scripts/documents.mjs';
import { resolveAccount } from '@landchain/scripts/keys.mjs';
import { useChain } from '../chain';
import { Account, ErrorBox, Hash, Loading, shortHash, sqm, words } from '../components';
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

/** A record citing a document (citations.mjs `citationsOf`). */
interface Citation {
  kind: string;
  parcel: number;
  cursor: string;
  state?: string | null;
}

function CitationTable({ citations, caption }: { citations: Citation[]; caption: string }) {
  return (
    <table className="results" data-testid="citations">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Record (on its parcel's page)</th>
          <th scope="col">Where it stands</th>
        </tr>
      </thead>
      <tbody>
        {citations.map((citation) => (
          <tr key={citation.cursor}>
            <td>
              <a href={href.parcel(citation.parcel)}>{describeCitation(citation)}</a>
            </td>
            <td>{describeState(citation)}</td>
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
  | { kind: 'rows'; rows: ParcelRow[]; caption: string; owner?: string; next?: number | null; after?: string }
  | { kind: 'citations'; document: string; citations: Citation[]; next: string | null; after?: string; complete: boolean };

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
      const document = params.get('document');
      if (document !== null) {
        const after = params.get('after');
        const page = await citationsOf(api, document, { pageSize: PAGE_SIZE, after });
        return { kind: 'citations', document: page.document, citations: page.citations, next: page.next, after: after ?? undefined, complete: page.complete };
      }
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

/**
 * The search by document: its hash typed or pasted, or its file chosen or dropped on the form and
 * hashed here (blake2-256, as the registry records documents); the file stays in the browser.
 */
function DocumentSearch({ initial, onSearch }: { initial: string; onSearch: (document: string) => void }) {
  const [hash, setHash] = useState(initial);
  const [file, setFile] = useState<{ name: string; hash: string } | null>(null);
  const [reading, setReading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const hashFile = async (chosen: File | null | undefined) => {
    if (!chosen) return;
    setReading(true);
    setError(null);
    try {
      const digest: string = hashBytes(new Uint8Array(await chosen.arrayBuffer()));
      setHash(digest);
      setFile({ name: chosen.name, hash: digest });
    } catch (failure) {
      setError(failure);
    } finally {
      setReading(false);
    }
  };
  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDragging(false);
    void hashFile(event.dataTransfer.files[0]);
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(hash.trim());
      }}
      aria-labelledby="by-document"
      className={dragging ? 'drop-target dragging' : 'drop-target'}
      data-testid="document-search"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id="by-document">By document</h2>
      <label htmlFor="search-document">Document hash (0x…, blake2-256)</label>
      <input
        id="search-document"
        value={hash}
        onChange={(e) => {
          setHash(e.target.value);
          setFile(null);
        }}
        spellCheck={false}
        placeholder="0x…"
        required
      />
      <label htmlFor="search-document-file">Or the document file, chosen or dropped here (hashed in this browser, never sent)</label>
      <input id="search-document-file" type="file" onChange={(e) => void hashFile(e.target.files?.[0])} />
      {file && (
        <p className="hint" role="status" data-testid="document-file-hash">
          {file.name}: <Hash value={file.hash} />
        </p>
      )}
      {error ? <ErrorBox error={error} title="Cannot read the file" /> : null}
      <button type="submit" disabled={reading}>
        Find records citing it
      </button>
    </form>
  );
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
      <p className="lead">
        Every title, charge and change is public. Search by parcel number, by cadastral reference, by owner account, or by document: which
        records cite a deed, survey or court order (its hash, or the file itself, hashed in your browser).
      </p>
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
        <DocumentSearch initial={params.get('document') ?? ''} onSearch={(document) => go({ document })} />
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
        {outcome.kind === 'citations' && (
          <>
            <h2>Results</h2>
            <p>
              Document: <Hash value={outcome.document} />
            </p>
            {!outcome.complete && (
              <p className="error" role="status" data-testid="index-incomplete">
                Incomplete: {INDEX_INCOMPLETE}.
              </p>
            )}
            {outcome.citations.length === 0 ? (
              <p className="empty">{outcome.after !== undefined ? 'No more records cite this document.' : 'No record cites this document.'}</p>
            ) : (
              <CitationTable citations={outcome.citations} caption={`Records citing document ${shortHash(outcome.document)}`} />
            )}
            <nav className="pager" aria-label="Result pages">
              {outcome.after !== undefined && <a href={href.search({ document: outcome.document })}>First page</a>}
              {outcome.next !== null && <a href={href.search({ document: outcome.document, after: outcome.next })}>Next page</a>}
            </nav>
          </>
        )}
      </section>
    </>
  );
}
