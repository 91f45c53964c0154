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

/** A title's owner: an account and its share of the whole (e.g. "1/2"). */
export interface Owner {
  account: string;
  share: string;
}

/** A title's owners, each with its share. */
export function Owners({ owners }: { owners: Owner[] }) {
  return (
    <ul className="owners">
      {owners.map((owner) => (
        <li key={owner.account}>
          <Account address={owner.account} /> — share <span className="share">{owner.share}</span>
        </li>
      ))}
    </ul>
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

const SS58 = /^[1-9A-HJ-NP-Za-km-z]{46,48}$/;

/**
 * Plain event data for people: accounts by name (or a shortened address), shares as fractions,
 * amounts in the chain's token (fields named like amounts), hashes shortened, records as
 * `field value` pairs — compact enough for a list of alerts.
 */
export function HumanValue({ value, name = '' }: { value: unknown; name?: string }) {
  const { label, token } = useChain();
  const render = (v: unknown, key: string): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'string' && SS58.test(v)) {
      const who = label(v);
      return who === v ? `${v.slice(0, 6)}…${v.slice(-4)}` : who[0].toUpperCase() + who.slice(1);
    }
    if (typeof v === 'string' && /^0x[0-9a-f]{64}$/i.test(v)) return shortHash(v);
    if ((typeof v === 'string' || typeof v === 'number') && /price|amount|deposit|funds|recorded|value/i.test(key) && /^\d+$/.test(String(v))) {
      const whole = BigInt(String(v)) / 10n ** BigInt(token.decimals);
      const frac = (BigInt(String(v)) % 10n ** BigInt(token.decimals)).toString().padStart(token.decimals, '0').replace(/0+$/, '');
      return `${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''} ${token.symbol}`;
    }
    if (Array.isArray(v)) return v.length ? v.map((item) => render(item, key)).join(', ') : 'none';
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('numerator' in o && 'denominator' in o) return `${o.numerator}/${o.denominator}`;
      if ('account' in o && 'share' in o) return `${render(o.account, 'account')} ${render(o.share, 'share')}`;
      return Object.entries(o)
        .filter(([, inner]) => inner !== null)
        .map(([k, inner]) => (inner !== null && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(inner as object).length === 0 ? words(k) : `${words(k).toLowerCase()} ${render(inner, k)}`))
        .join(', ');
    }
    return String(v);
  };
  return <>{render(value, name)}</>;
}
