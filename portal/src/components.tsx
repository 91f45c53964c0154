import { useChain } from './chain';
import { href } from './router';

/** An account: the dev account's name when it is one, and the address. */
export function Account({ address }: { address: string | null | undefined }) {
  const { label } = useChain();
  if (!address) return <span>—</span>;
  const name = label(address);
  if (name === address) return <code className="address">{address}</code>;
  return (
    <span className="account">
      <strong>{name[0].toUpperCase() + name.slice(1)}</strong> <code className="address">{address}</code>
    </span>
  );
}

/** A link to a block page, with its finality. */
export function BlockLink({ number, hash }: { number: number; hash?: string | null }) {
  const { finalized } = useChain();
  const final = number <= finalized;
  return (
    <span className="block-link">
      <a href={href.block(hash ?? number)}>block #{number}</a>{' '}
      <span className={final ? 'final' : 'pending'}>{final ? '(finalized)' : '(not yet final)'}</span>
    </span>
  );
}

export function Hash({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  return (
    <code className="hash" title={value}>
      {value}
    </code>
  );
}

/** A decoded chain error or other failure, announced to screen readers. */
export function ErrorBox({ error, title = 'Failed' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const text = typeof error === 'string' ? error : (error as Error).message ?? String(error);
  const receipt = (error as { receipt?: { blockNumber?: number; blockHash?: string } }).receipt;
  return (
    <div role="alert" className="error">
      <strong>{title}:</strong> <span className="error-text">{text}</span>
      {receipt?.blockNumber ? (
        <div>
          Included in <BlockLink number={receipt.blockNumber} hash={receipt.blockHash} />
        </div>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

export const shortHash = (hash: string) => (hash.length > 18 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash);

export const sqm = (area: string | number) => `${String(area).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} m²`;

/** `CourtOrder` → `Court order`. */
export const words = (name: string | null | undefined) =>
  name ? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (_, c) => ` ${c.toLowerCase()}`) : '—';
