// Who signs, chosen once and shared by every page that signs (console, council) or reads for an
// account (alerts): a dev account on a development chain, or an account of the browser extension.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useChain } from './chain';
import { Account, ErrorBox } from './components';
import { href } from './router';
import { devNames, devSigner, extensionAccounts, extensionSigner, type ExtensionAccount, type Signer } from './signers';

const SignerContext = createContext<{ signer: Signer | null; setSigner: (s: Signer | null) => void }>({ signer: null, setSigner: () => {} });

export function SignerProvider({ children }: { children: ReactNode }) {
  const [signer, setSigner] = useState<Signer | null>(null);
  return <SignerContext.Provider value={{ signer, setSigner }}>{children}</SignerContext.Provider>;
}

export const useSigner = () => useContext(SignerContext);

/** The parcels the signing account holds a share of (first page), linked to their public pages. */
function MyParcels({ address }: { address: string }) {
  const { api, best } = useChain();
  const [ids, setIds] = useState<number[] | null>(null);
  useEffect(() => {
    let live = true;
    (api.call as any).landRegistryApi.parcelsOf(address, null, 50).then(
      (list: Array<{ toNumber(): number }>) => live && setIds(list.map((id) => id.toNumber()).sort((a, b) => a - b)),
      () => live && setIds([]),
    );
    return () => {
      live = false;
    };
  }, [api, address, best]);
  if (ids === null) return null;
  return (
    <p data-testid="my-parcels">
      Parcels held:{' '}
      {ids.length === 0
        ? 'none'
        : ids.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <a href={href.parcel(id)}>parcel {id}</a>
            </span>
          ))}
    </p>
  );
}

export function SignerPicker({ purpose = 'Signing account' }: { purpose?: string }) {
  const { api, isDev } = useChain();
  const { signer, setSigner: onChange } = useSigner();
  const [accounts, setAccounts] = useState<ExtensionAccount[] | null>(null);
  const [extError, setExtError] = useState<unknown>(null);
  const choose = async (value: string) => {
    if (!value) return onChange(null);
    const [source, id] = value.split(':');
    if (source === 'dev') onChange(await devSigner(api, id));
    else {
      const account = accounts?.find((a) => a.address === id);
      if (account) onChange(await extensionSigner(api, account));
    }
  };
  const connectExtension = async () => {
    setExtError(null);
    try {
      setAccounts(await extensionAccounts());
    } catch (error) {
      setExtError(error);
    }
  };
  return (
    <section className="card signer" aria-labelledby="signer-heading">
      <h2 id="signer-heading">Who signs</h2>
      <label htmlFor="signer">{purpose}</label>
      <select id="signer" value={signer ? `${signer.source}:${signer.source === 'dev' ? signer.label : signer.address}` : ''} onChange={(e) => void choose(e.target.value)}>
        <option value="">— choose —</option>
        {isDev && (
          <optgroup label="Dev accounts (--dev only, publicly known keys)">
            {devNames.map((name) => (
              <option key={name} value={`dev:${name}`}>
                {name[0].toUpperCase() + name.slice(1)} (dev account)
              </option>
            ))}
          </optgroup>
        )}
        {accounts && (
          <optgroup label="Browser extension">
            {accounts.map((a) => (
              <option key={a.address} value={`extension:${a.address}`}>
                {a.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {isDev && (
        <p className="dev-warning" role="note">
          <strong>Dev accounts, --dev only:</strong> Alice … Ferdie have publicly known keys; they exist only on development chains. Alice and Bob are
          registrars; Alice, Bob and Charlie the council.
        </p>
      )}
      <button type="button" onClick={() => void connectExtension()}>
        Use the browser extension
      </button>
      {extError ? <ErrorBox error={extError} title="Extension" /> : null}
      {signer && (
        <p data-testid="signing-as">
          Signing as {signer.source === 'extension' && <strong>{signer.label}</strong>} <Account address={signer.address} />{' '}
          <span className="hint">
            {signer.source === 'dev' ? '(dev account, --dev only)' : `(signed in the browser extension: ${signer.extension ?? 'extension'})`}
          </span>
        </p>
      )}
      {signer && <MyParcels address={signer.address} />}
    </section>
  );
}
