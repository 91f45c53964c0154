// Verify a certificate of title by dropping its file (or choosing it): every check
// `landchain-node certificate verify` makes, here in the browser (scripts/src/certificate.mjs) —
// the GRANDPA justification and the authority set changes from the chain's genesis set, the
// header chain, every record against the block's state root (the Substrate trie), the records'
// storage keys — then the title as people read it. The node is trusted for one thing only, said
// on the page: the genesis (hash and GRANDPA authorities) of the chain the portal is connected to.
import { useState, type DragEvent } from 'react';
import { certificateText, metadataTypes, parseCertificate, plainVerified, qrPayload, verifyCertificate } from '@landchain/scripts/certificate.mjs';
import { useAmount, useChain } from '../chain';
import { Account, Hash, Owners, words, sqm, type Owner } from '../components';
import { useAnchor } from '../certificate';
import { href } from '../router';
import { utc } from '../time';

interface Title {
  version: number;
  owners: Owner[];
  tenure: string;
  leaseholdExpiresAt: string | null;
  change: string;
  price: string | null;
  splitFrom: number | null;
  source: { kind: string; documentHash: string; uri: string | null };
  recordedAt: number;
  recordedBy: string | null;
}
interface Verified {
  parcelId: number;
  block: number;
  blockHash: string;
  genesisHash: string;
  specName: string;
  specVersion: number;
  timeMs: number;
  blockSetId: number;
  finalized: number;
  finalizedHash: string;
  signedBy: [number, number];
  setId: number;
  setChanges: number;
  parcel: null | {
    id: number;
    jurisdiction: string;
    cadastralReference: string;
    areaM2: string;
    landUse: string;
    geometryHash: string;
    status: string;
    successors: number[];
    retiredAt: number | null;
    registeredAt: number;
  };
  title: Title | null;
  encumbrances: Array<{ id: number; kind: string; terms: Record<string, unknown>; recordedAt: number; source: { kind: string; documentHash: string } }>;
  applications: number[];
  history: Title[];
}

type Result =
  | { state: 'verifying'; file: string }
  | { state: 'valid'; file: string; verified: Verified; qr: string }
  | { state: 'refused'; file: string; reason: string };

const ACCOUNT_TERMS = new Set(['lender', 'holder', 'lessee']);

function TitleFacts({ title }: { title: Title }) {
  const amount = useAmount();
  return (
    <dl className="facts">
      <dt>Owners</dt>
      <dd>
        <Owners owners={title.owners} />
      </dd>
      <dt>Tenure</dt>
      <dd>{title.tenure === 'Leasehold' && title.leaseholdExpiresAt ? `Leasehold until ${utc(Number(title.leaseholdExpiresAt) * 1000)}` : words(title.tenure)}</dd>
      <dt>Version</dt>
      <dd>
        {title.version} ({words(title.change)}
        {title.change === 'Sale' && title.price !== null && <> for {amount(title.price)}</>}
        {title.change === 'Split' && title.splitFrom !== null && <> from parcel {title.splitFrom}</>})
      </dd>
      <dt>Recorded</dt>
      <dd>
        block #{title.recordedAt}
        {title.recordedBy && (
          <>
            {' '}
            by <Account address={title.recordedBy} />
          </>
        )}
      </dd>
      <dt>Source</dt>
      <dd>
        {words(title.source.kind)} <Hash value={title.source.documentHash} />
      </dd>
    </dl>
  );
}

function VerifiedTitle({ verified, qr }: { verified: Verified; qr: string }) {
  const { api } = useChain();
  const amount = useAmount();
  const { parcel, title } = verified;
  const runtime = api.runtimeVersion.specVersion.toNumber();
  return (
    <div className="verified-title" data-testid="verified-title">
      <p className="verdict valid" role="status" data-testid="verdict">
        <strong>Valid certificate of title</strong>: parcel {verified.parcelId}
        {parcel && (
          <>
            , {parcel.cadastralReference} ({parcel.jurisdiction})
          </>
        )}
        , as of block #{verified.block} — finalized, signed by {verified.signedBy[0]} of {verified.signedBy[1]} GRANDPA authorities.
      </p>
      <div className="columns">
        <section aria-labelledby="vt-title" className="card">
          <h2 id="vt-title">Title</h2>
          {title ? <TitleFacts title={title} /> : <p>No current title at this block (the parcel is retired, or not registered).</p>}
        </section>
        <section aria-labelledby="vt-parcel" className="card">
          <h2 id="vt-parcel">Parcel</h2>
          {parcel ? (
            <dl className="facts">
              <dt>Reference</dt>
              <dd>
                {parcel.cadastralReference} ({parcel.jurisdiction})
              </dd>
              <dt>Area</dt>
              <dd>{sqm(parcel.areaM2)}</dd>
              <dt>Land use</dt>
              <dd>{words(parcel.landUse)}</dd>
              <dt>Status</dt>
              <dd>
                {words(parcel.status)}
                {parcel.successors.length > 0 && <> → parcels {parcel.successors.join(', ')}</>}
                {parcel.retiredAt !== null && <> in block #{parcel.retiredAt}</>}
              </dd>
              <dt>Geometry hash</dt>
              <dd>
                <Hash value={parcel.geometryHash} />
              </dd>
              <dt>Registered</dt>
              <dd>block #{parcel.registeredAt}</dd>
            </dl>
          ) : (
            <p>Parcel {verified.parcelId} is not registered at this block.</p>
          )}
        </section>
      </div>
      <section aria-labelledby="vt-enc" className="card">
        <h2 id="vt-enc">Encumbrances</h2>
        {verified.encumbrances.length === 0 ? (
          <p>None: no mortgage, lien, easement, lease or caveat was recorded at this block.</p>
        ) : (
          <ul className="encumbrances" data-testid="verified-encumbrances">
            {verified.encumbrances.map((e) => (
              <li key={e.id}>
                <strong>
                  #{e.id} {words(e.kind)}
                </strong>{' '}
                {Object.entries(e.terms).map(([key, value]) => (
                  <span key={key} className="term">
                    {words(key)}: {ACCOUNT_TERMS.has(key) ? <Account address={String(value)} /> : key === 'amount' ? amount(String(value)) : String(value ?? '—')}{' '}
                  </span>
                ))}
                · recorded in block #{e.recordedAt}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="vt-app" className="card">
        <h2 id="vt-app">Pending applications</h2>
        <p data-testid="verified-applications">
          {verified.applications.length === 0 ? 'None.' : `Application${verified.applications.length > 1 ? 's' : ''} #${verified.applications.join(', #')} (changes without the owner's signature, pending at this block).`}
        </p>
      </section>
      <section aria-labelledby="vt-history" className="card">
        <h2 id="vt-history">Earlier title versions carried</h2>
        {verified.history.length === 0 ? (
          <p>None: this is the parcel's first title version.</p>
        ) : (
          <ol className="versions" data-testid="verified-history">
            {verified.history.map((version) => (
              <li key={version.version}>
                <strong>
                  Version {version.version}: {words(version.change)}
                </strong>
                <TitleFacts title={version} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="vt-block" className="card">
        <h2 id="vt-block">Block and finality</h2>
        <dl className="facts">
          <dt>Block</dt>
          <dd>
            #{verified.block} <Hash value={verified.blockHash} />
          </dd>
          <dt>Time</dt>
          <dd data-testid="verified-time">{verified.block === 0 ? 'the genesis block: no time' : utc(verified.timeMs)}</dd>
          <dt>Finality</dt>
          <dd>
            finalized by a GRANDPA justification of block #{verified.finalized}
            {verified.finalized > verified.block && ` (the headers from #${verified.block} to it link the two)`}, signed by {verified.signedBy[0]} of the{' '}
            {verified.signedBy[1]} authorities of set {verified.setId}
            {verified.setChanges > 0 ? `, reached from the genesis set through ${verified.setChanges} authority set changes` : ', the genesis set'}
          </dd>
          <dt>Runtime</dt>
          <dd>
            {verified.specName} version {verified.specVersion}
            {verified.specVersion !== runtime && ` (decoded with this node's current runtime types, version ${runtime})`}
          </dd>
          <dt>Certificate</dt>
          <dd>
            <code className="qr-payload" data-testid="qr-payload">
              {qr}
            </code>
            <div className="hint">what the QR code of its printed page (landchain-node certificate verify --html) says</div>
          </dd>
        </dl>
        <p>
          The parcel as the chain holds it now: <a href={href.parcel(verified.parcelId)}>parcel {verified.parcelId}</a>.
        </p>
      </section>
    </div>
  );
}

export function VerifyPage() {
  const { api, name } = useChain();
  const { anchor, error: anchorError } = useAnchor();
  const [result, setResult] = useState<Result | null>(null);
  const [dragging, setDragging] = useState(false);

  const check = async (file: File | undefined) => {
    if (!file) return;
    setResult({ state: 'verifying', file: file.name });
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setResult({ state: 'refused', file: file.name, reason: `the file cannot be read: ${(e as Error).message}` });
      return;
    }
    // Let the status show before the (synchronous) checks run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      if (!anchor) throw new Error('the genesis of the connected chain could not be read');
      const verified = plainVerified(verifyCertificate(text, anchor, metadataTypes(api))) as Verified;
      const json: string = certificateText(text);
      setResult({ state: 'valid', file: file.name, verified, qr: qrPayload(parseCertificate(json).parcel, json) });
    } catch (e) {
      setResult({ state: 'refused', file: file.name, reason: (e as Error).message ?? String(e) });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void check(event.dataTransfer.files[0]);
  };

  return (
    <article className="verify">
      <h1>Verify a certificate of title</h1>
      <p className="lead">
        A certificate of title is a file — from a parcel page's <em>Download a certificate of title</em>, or from <code>landchain-node certificate issue</code> —
        that proves what a parcel's title was at a finalized block. It is checked here, in this browser: the GRANDPA signatures that finalized the block
        (more than two thirds of the authorities, from the chain's genesis set through every authority set change), the chain of block headers, and
        every record against the block's state root (the storage proof). Nothing in the file is taken on trust.
      </p>
      {anchor ? (
        <p className="anchor" data-testid="anchor">
          Checked against the genesis of the chain this portal is connected to: <Hash value={anchor.genesisHash} /> ({name}) — its GRANDPA authorities at
          block #{anchor.readAt}: {anchor.set.authorities.length} (set {anchor.set.setId}).
          {anchor.note && <span className="hint"> {anchor.note[0].toUpperCase() + anchor.note.slice(1)}.</span>} A certificate of another chain is refused.
        </p>
      ) : anchorError ? (
        <div role="alert" className="error">
          <strong>Cannot check certificates against this chain:</strong> {(anchorError as Error).message}
        </div>
      ) : (
        <p role="status">Reading the genesis of the connected chain…</p>
      )}
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="certificate-file">Drop a certificate file here, or choose one</label>
        <input
          id="certificate-file"
          type="file"
          accept=".json,.html,application/json,text/html"
          disabled={!anchor}
          onChange={(event) => {
            void check(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <span className="hint">The JSON file, or the page <code>landchain-node certificate verify --html</code> writes. It is read in the browser and sent nowhere.</span>
      </div>
      {result?.state === 'verifying' && (
        <p role="status" className="loading">
          Verifying {result.file}…
        </p>
      )}
      {result?.state === 'refused' && (
        <div className="verdict refused" role="alert" data-testid="verdict">
          <strong>Refused: {result.file} is not a valid certificate of title.</strong> <span data-testid="refusal">{result.reason[0].toUpperCase() + result.reason.slice(1)}.</span>
        </div>
      )}
      {result?.state === 'valid' && (
        <>
          <p className="hint">File: {result.file}</p>
          <VerifiedTitle verified={result.verified} qr={result.qr} />
        </>
      )}
    </article>
  );
}
