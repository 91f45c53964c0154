// Certificates of title in the browser: the trust anchor of the connected chain (its genesis hash
// and genesis GRANDPA authorities, read once per connection), the parcel page's *Download a
// certificate of title* (issued here from the node's RPCs, the same file `landchain-node
// certificate issue` writes) and the decoded title a verified certificate shows. The checks
// themselves are scripts/src/certificate.mjs (with trie.mjs and finality.mjs): one implementation
// for the CLI's library, its tests and the portal.
import { useEffect, useState } from 'react';
import type { ApiPromise } from '@polkadot/api';
import { certificateJson, chainAnchor, issueCertificate } from '@landchain/scripts/certificate.mjs';
import { decodeHeader } from '@landchain/scripts/finality.mjs';
import { fromHex } from '@landchain/scripts/scale.mjs';
import { useChain } from './chain';
import { ErrorBox } from './components';
import { href } from './router';
import './certificate.css';

export interface Anchor {
  genesisHash: string;
  set: { setId: number; authorities: Array<{ id: Uint8Array; weight: bigint }> };
  readAt: number;
  note?: string;
}

const anchors = new WeakMap<ApiPromise, Promise<Anchor>>();

/** The connected chain's trust anchor (read once per connection). */
export function useAnchor(): { anchor: Anchor | null; error: unknown } {
  const { api } = useChain();
  const [state, setState] = useState<{ anchor: Anchor | null; error: unknown }>({ anchor: null, error: null });
  useEffect(() => {
    let live = true;
    let found = anchors.get(api);
    if (!found) {
      found = chainAnchor(api) as Promise<Anchor>;
      found.catch(() => anchors.delete(api));
      anchors.set(api, found);
    }
    found.then(
      (anchor) => live && setState({ anchor, error: null }),
      (error) => live && setState({ anchor: null, error }),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}

/** Saves the file at `url` (an object URL) as `name`: a download the browser asks about or saves. */
function saveFile(name: string, url: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

type Issued = { name: string; url: string; block: number; bytes: number };

/**
 * The parcel page's section: issues a certificate of the parcel's title at the finalized head
 * (its records with their storage proof, and the next GRANDPA justification the node announces —
 * a few seconds) and saves it as `parcel-N-certificate.json`.
 */
export function CertificateDownload({ parcel }: { parcel: number }) {
  const { api } = useChain();
  const [progress, setProgress] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(
    () => () => {
      if (issued) URL.revokeObjectURL(issued.url);
    },
    [issued],
  );
  const issue = async () => {
    setError(null);
    setIssued(null);
    setProgress('Reading the parcel at the finalized block…');
    try {
      const certificate = await issueCertificate(api, parcel, {
        onProgress: (what: string) => setProgress(`${what[0].toUpperCase()}${what.slice(1)}…`),
      });
      const text: string = certificateJson(certificate);
      const name = `parcel-${parcel}-certificate.json`;
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const block: number = decodeHeader(fromHex(certificate.header)).number;
      setIssued({ name, url, block, bytes: new TextEncoder().encode(text).length });
      saveFile(name, url);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <section aria-labelledby="certificate-heading" className="card certificate-download">
      <h2 id="certificate-heading">Certificate of title</h2>
      <p className="hint">
        A file proving this parcel's title at the last finalized block — its records with the chain's storage proof and the GRANDPA signatures that
        finalized the block — that anyone can check without trusting this site or the node: on the <a href={href.verify()}>verify page</a>, or with{' '}
        <code>landchain-node certificate verify</code>.
      </p>
      <button type="button" onClick={issue} disabled={progress !== null}>
        Download a certificate of title
      </button>
      {progress && (
        <p role="status" className="loading">
          {progress}
        </p>
      )}
      {issued && (
        <p role="status" className="success" data-testid="certificate-issued">
          Saved <strong>{issued.name}</strong>: parcel {parcel} as of block #{issued.block} ({issued.bytes.toLocaleString('en-US')} bytes).{' '}
          <a href={issued.url} download={issued.name}>
            Save it again
          </a>
        </p>
      )}
      <ErrorBox error={error} title="No certificate" />
    </section>
  );
}
