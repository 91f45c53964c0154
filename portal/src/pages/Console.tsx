// The console: a clerk registers parcels and approves or rejects sales; an owner offers a parcel;
// a buyer accepts and funds. Every call is the CLI library's (scripts/src), signed by the chosen
// account, followed to its block; a refusal shows the chain's documented error.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { registerParcel, approveTransfer, rejectTransfer, recordEncumbrance, consentToMortgage, splitParcel, mergeParcels, ENCUMBRANCE_KINDS } from '@landchain/scripts/registry.mjs';
import { offer as makeOffer, acceptAndFund, cancel as cancelOffer, consent as consentToOffer, DEFAULT_OFFER_PERIOD_MS } from '@landchain/scripts/conveyance.mjs';
import { parcelsOf } from '@landchain/scripts/auditor.mjs';
import { hashBytes } from '@landchain/scripts/documents.mjs';
import { parseAmount } from '@landchain/scripts/units.mjs';
import { vocabulary, blocksIn } from '@landchain/scripts/vocabulary.mjs';
import { useChain } from '../chain';
import { Account, BlockLink, ErrorBox } from '../components';
import { href } from '../router';
import { devNames, devSigner, extensionAccounts, extensionSigner, type ExtensionAccount, type Signer } from '../signers';
import { checkHash, checkOwners, checkText } from '../validate';

interface Receipt {
  blockNumber: number;
  blockHash: string;
}

type Outcome = { state: 'idle' } | { state: 'busy' } | { state: 'done'; receipt: Receipt; message: ReactNode } | { state: 'failed'; error: unknown };

function Result({ outcome }: { outcome: Outcome }) {
  return (
    <div aria-live="polite" className="result">
      {outcome.state === 'busy' && <p role="status">Signing and waiting for a block…</p>}
      {outcome.state === 'done' && (
        <p role="status" className="success">
          {outcome.message} — included in <BlockLink number={outcome.receipt.blockNumber} hash={outcome.receipt.blockHash} />
        </p>
      )}
      {outcome.state === 'failed' && <ErrorBox error={outcome.error} title="Refused" />}
    </div>
  );
}

/** Runs a signed action: the form's own checks first, then the chain's answer. */
function useAction(signer: Signer | null) {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const run = async (action: (signer: Signer) => Promise<{ receipt: Receipt; message: ReactNode }>) => {
    if (!signer) {
      setOutcome({ state: 'failed', error: 'choose who signs first' });
      return;
    }
    setOutcome({ state: 'busy' });
    try {
      const { receipt, message } = await action(signer);
      setOutcome({ state: 'done', receipt, message });
    } catch (error) {
      setOutcome({ state: 'failed', error });
    }
  };
  return { outcome, run, fail: (error: unknown) => setOutcome({ state: 'failed', error }) };
}

const OPTIONS = { waitFor: 'inBlock' as const, timeoutMs: 60_000 };

function SignerPicker({ signer, onChange }: { signer: Signer | null; onChange: (s: Signer | null) => void }) {
  const { api, isDev } = useChain();
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
      <label htmlFor="signer">Signing account</label>
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
          registrars.
        </p>
      )}
      <button type="button" onClick={() => void connectExtension()}>
        Use the browser extension
      </button>
      {extError ? <ErrorBox error={extError} title="Extension" /> : null}
      {signer && (
        <p>
          Signing as <Account address={signer.address} />
        </p>
      )}
      {signer && <MyParcels address={signer.address} />}
    </section>
  );
}

function RegisterForm({ signer }: { signer: Signer | null }) {
  const { api } = useChain();
  const vocab = vocabulary(api);
  const limits = vocab.limits;
  const { outcome, run, fail } = useAction(signer);
  const [form, setForm] = useState({
    jurisdiction: 'LC-CENTRAL',
    reference: '',
    area: '',
    landUse: Object.keys(vocab.landUses)[0] ?? 'residential',
    geometryHash: '',
    sourceKind: Object.keys(vocab.sourceKinds).includes('survey') ? 'survey' : Object.keys(vocab.sourceKinds)[0],
    documentHash: '',
    uri: '',
    owners: '',
    tenure: 'freehold',
    leaseUntil: '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const hashFile = async (file: File | undefined, key: 'documentHash' | 'geometryHash') => {
    if (!file) return;
    const hash = hashBytes(new Uint8Array(await file.arrayBuffer()));
    setForm((f) => ({ ...f, [key]: hash }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: string[] = [];
    checkText(errors, form.jurisdiction, limits.jurisdiction, 'the jurisdiction', 'EmptyReference');
    checkText(errors, form.reference, limits.reference, 'the cadastral reference', 'EmptyReference');
    checkText(errors, form.uri, limits.uri, 'the document URI');
    if (!/^\d+$/.test(form.area.trim()) || BigInt(form.area.trim()) === 0n) errors.push('the area is a whole number of square metres above zero (ZeroArea)');
    checkHash(errors, form.geometryHash, 'the geometry hash');
    checkHash(errors, form.documentHash, 'the document hash');
    let leaseholdUntil: number | null = null;
    if (form.tenure === 'leasehold') {
      const at = Date.parse(form.leaseUntil);
      if (Number.isNaN(at)) errors.push('a leasehold needs its expiry date');
      else leaseholdUntil = Math.floor(at / 1000);
    }
    const owners = await checkOwners(api, errors, form.owners, limits.owners, signer?.address ?? null);
    if (errors.length) {
      fail(`check the form: ${errors.join('; ')}`);
      return;
    }
    await run(async (s) => {
      const { receipt, parcel } = await registerParcel(
        api,
        s,
        {
          jurisdiction: form.jurisdiction.trim(),
          reference: form.reference.trim(),
          areaM2: form.area.trim(),
          landUse: form.landUse,
          geometryHash: form.geometryHash.trim(),
          source: { kind: form.sourceKind, documentHash: form.documentHash.trim(), uri: form.uri.trim() || null },
          owners,
          tenure: leaseholdUntil === null ? null : { leaseholdUntil },
        },
        OPTIONS,
      );
      return {
        receipt,
        message: (
          <>
            Registered <a href={href.parcel(parcel)}>parcel {parcel}</a>
          </>
        ),
      };
    });
  };
  return (
    <section className="card" aria-labelledby="register-heading">
      <h2 id="register-heading">Register a parcel (registrar)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid">
          <label>
            Jurisdiction
            <input value={form.jurisdiction} onChange={set('jurisdiction')} name="jurisdiction" />
          </label>
          <label>
            Cadastral reference
            <input value={form.reference} onChange={set('reference')} name="reference" placeholder="BLOCK-9/901" />
          </label>
          <label>
            Area (m²)
            <input value={form.area} onChange={set('area')} name="area" inputMode="numeric" />
          </label>
          <label>
            Land use
            <select value={form.landUse} onChange={set('landUse')} name="landUse">
              {Object.entries(vocab.landUses as Record<string, string>).map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Geometry hash (0x…)
            <input value={form.geometryHash} onChange={set('geometryHash')} name="geometryHash" spellCheck={false} />
          </label>
          <label>
            or hash the survey's geometry file
            <input type="file" onChange={(e) => void hashFile(e.target.files?.[0], 'geometryHash')} />
          </label>
          <label>
            Source document kind
            <select value={form.sourceKind} onChange={set('sourceKind')} name="sourceKind">
              {Object.entries(vocab.sourceKinds as Record<string, string>).map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Document hash (0x…)
            <input value={form.documentHash} onChange={set('documentHash')} name="documentHash" spellCheck={false} />
          </label>
          <label>
            or hash the document file
            <input type="file" onChange={(e) => void hashFile(e.target.files?.[0], 'documentHash')} />
          </label>
          <label>
            Document URI (optional)
            <input value={form.uri} onChange={set('uri')} name="uri" />
          </label>
          <label className="wide">
            Owners, one per line as account:share (e.g. dave:1/2) — SS58 addresses, or dev names on --dev
            <textarea value={form.owners} onChange={set('owners')} name="owners" rows={3} spellCheck={false} />
          </label>
          <label>
            Tenure
            <select value={form.tenure} onChange={set('tenure')} name="tenure">
              <option value="freehold">Freehold</option>
              <option value="leasehold">Leasehold</option>
            </select>
          </label>
          {form.tenure === 'leasehold' && (
            <label>
              Leasehold expires on
              <input type="date" value={form.leaseUntil} onChange={set('leaseUntil')} name="leaseUntil" />
            </label>
          )}
        </div>
        <button type="submit" disabled={outcome.state === 'busy'}>
          Register parcel
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

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

const TERMS: Record<string, Array<{ key: string; label: string; kind: 'account' | 'amount' | 'rank' | 'hash' | 'text' | 'date' | 'parcel' }>> = {
  mortgage: [
    { key: 'lender', label: 'Lender (address or dev name)', kind: 'account' },
    { key: 'amount', label: 'Amount', kind: 'amount' },
    { key: 'rank', label: 'Rank (1 = first charge)', kind: 'rank' },
  ],
  lien: [
    { key: 'holder', label: 'Lien holder (address or dev name)', kind: 'account' },
    { key: 'amount', label: 'Amount', kind: 'amount' },
  ],
  easement: [
    { key: 'termsHash', label: 'Terms hash (0x…)', kind: 'hash' },
    { key: 'dominantParcel', label: 'Dominant parcel (optional)', kind: 'parcel' },
  ],
  lease: [
    { key: 'lessee', label: 'Tenant (address or dev name)', kind: 'account' },
    { key: 'expiresAt', label: 'Lease expires on', kind: 'date' },
  ],
  caveat: [{ key: 'courtReference', label: 'Court reference', kind: 'text' }],
};

function EncumbranceForm({ signer }: { signer: Signer | null }) {
  const { api, token } = useChain();
  const { outcome, run, fail } = useAction(signer);
  const kinds = (ENCUMBRANCE_KINDS as string[]).filter((k) => TERMS[k]);
  const [kind, setKind] = useState(kinds[0] ?? 'mortgage');
  const [parcel, setParcel] = useState('');
  const [documentHash, setDocumentHash] = useState('');
  const [values, setValues] = useState<Record<string, string>>({ rank: '1' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: string[] = [];
    if (!/^\d+$/.test(parcel.trim())) errors.push('the parcel is a number');
    checkHash(errors, documentHash, 'the document hash');
    const terms: Record<string, unknown> = {};
    for (const field of TERMS[kind]) {
      const raw = (values[field.key] ?? '').trim();
      try {
        if (field.kind === 'amount') {
          const planck = parseAmount(raw, token.decimals, token.symbol) as bigint;
          if (planck === 0n) errors.push('the amount is above zero (ZeroAmount)');
          terms[field.key] = planck;
        } else if (field.kind === 'rank') {
          if (!/^\d+$/.test(raw) || Number(raw) < 1) errors.push('the rank is 1 or more (InvalidRank)');
          terms[field.key] = Number(raw);
        } else if (field.kind === 'hash') {
          checkHash(errors, raw, field.label.replace(/ \(.*/, '').toLowerCase());
          terms[field.key] = raw;
        } else if (field.kind === 'parcel') {
          if (raw && !/^\d+$/.test(raw)) errors.push('the dominant parcel is a number');
          terms[field.key] = raw ? Number(raw) : null;
        } else if (field.kind === 'date') {
          const at = Date.parse(raw);
          if (Number.isNaN(at)) errors.push('the lease needs its expiry date');
          terms[field.key] = Math.floor(at / 1000);
        } else if (field.kind === 'text') {
          checkText(errors, raw, (vocabulary(api).limits as { reference: number }).reference, 'the court reference', 'EmptyCourtReference');
          terms[field.key] = raw;
        } else {
          if (!raw) errors.push(`${field.label.replace(/ \(.*/, '').toLowerCase()} is required`);
          terms[field.key] = raw;
        }
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    if (errors.length) return fail(`check the form: ${errors.join('; ')}`);
    await run(async (s) => {
      const result = await recordEncumbrance(api, s, { parcel: Number(parcel), kind, terms, source: { documentHash: documentHash.trim() } }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Recorded encumbrance #{String(result.encumbrance)} ({kind}) on <a href={href.parcel(parcel)}>parcel {parcel}</a>
          </>
        ),
      };
    });
  };
  return (
    <section className="card" aria-labelledby="encumbrance-heading">
      <h2 id="encumbrance-heading">Record an encumbrance (registrar)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid">
          <label>
            Parcel
            <input value={parcel} onChange={(e) => setParcel(e.target.value)} name="encumbranceParcel" inputMode="numeric" />
          </label>
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value)} name="encumbranceKind">
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          {TERMS[kind].map((field) => (
            <label key={`${kind}-${field.key}`}>
              {field.kind === 'amount' ? `${field.label} (${token.symbol})` : field.label}
              <input
                type={field.kind === 'date' ? 'date' : 'text'}
                value={values[field.key] ?? ''}
                onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
                spellCheck={false}
              />
            </label>
          ))}
          <label className="wide">
            Document hash (0x…, the instrument, order or agreement)
            <input value={documentHash} onChange={(e) => setDocumentHash(e.target.value)} name="encumbranceDocument" spellCheck={false} />
          </label>
        </div>
        <button type="submit" disabled={outcome.state === 'busy'}>
          Record encumbrance
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

function MortgageConsentForm({ signer }: { signer: Signer | null }) {
  const { api, token } = useChain();
  const { outcome, run, fail } = useAction(signer);
  const [form, setForm] = useState({ parcel: '', lender: '', amount: '', rank: '1' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: string[] = [];
    if (!/^\d+$/.test(form.parcel.trim())) errors.push('the parcel is a number');
    if (!form.lender.trim()) errors.push('the lender is required');
    let amount = 0n;
    try {
      amount = parseAmount(form.amount, token.decimals, token.symbol);
    } catch (error) {
      errors.push((error as Error).message);
    }
    if (!/^\d+$/.test(form.rank.trim()) || Number(form.rank) < 1) errors.push('the rank is 1 or more (InvalidRank)');
    if (errors.length) return fail(`check the form: ${errors.join('; ')}`);
    await run(async (s) => {
      const { receipt } = await consentToMortgage(api, s, { parcel: form.parcel.trim(), lender: form.lender.trim(), amount, rank: form.rank.trim() }, OPTIONS);
      return { receipt, message: <>Consent to the mortgage of parcel {form.parcel} recorded</> };
    });
  };
  return (
    <section className="card" aria-labelledby="mconsent-heading">
      <h2 id="mconsent-heading">Consent to a mortgage (owner)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid">
          <label>
            Parcel
            <input value={form.parcel} onChange={set('parcel')} name="consentParcel" inputMode="numeric" />
          </label>
          <label>
            Lender (address or dev name)
            <input value={form.lender} onChange={set('lender')} name="consentLender" spellCheck={false} />
          </label>
          <label>
            Amount ({token.symbol})
            <input value={form.amount} onChange={set('amount')} name="consentAmount" />
          </label>
          <label>
            Rank
            <input value={form.rank} onChange={set('rank')} name="consentRank" inputMode="numeric" />
          </label>
        </div>
        <button type="submit" disabled={outcome.state === 'busy'}>
          Consent to mortgage
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

/**
 * Splitting a parcel: children typed one per line as `reference area geometry-hash [land use]`,
 * checked as the chain checks them (at least two, areas above zero summing to the parent's,
 * distinct non-empty references).
 */
function SplitForm({ signer }: { signer: Signer | null }) {
  const { api } = useChain();
  const vocab = vocabulary(api);
  const { outcome, run, fail } = useAction(signer);
  const [form, setForm] = useState({ parcel: '', children: '', documentHash: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: string[] = [];
    if (!/^\d+$/.test(form.parcel.trim())) errors.push('the parcel is a number');
    checkHash(errors, form.documentHash, 'the survey\u2019s document hash');
    const lines = form.children.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length < 2) errors.push('a split creates at least two children (TooFewChildren)');
    if (lines.length > vocab.limits.children) errors.push(`at most ${vocab.limits.children} children (the chain's MaxSplitChildren)`);
    const children = lines.map((line) => {
      const [reference = '', area = '', geometryHash = '', landUse] = line.split(/\s+/);
      checkText(errors, reference, vocab.limits.reference, `the reference of "${line}"`, 'EmptyReference');
      if (!/^\d+$/.test(area) || BigInt(area) === 0n) errors.push(`the area of ${reference} is a whole number of m² above zero (ZeroArea)`);
      checkHash(errors, geometryHash, `the geometry hash of ${reference}`);
      return { reference, areaM2: /^\d+$/.test(area) ? area : '0', geometryHash, landUse };
    });
    if (new Set(children.map((c) => c.reference)).size !== children.length) errors.push('two children share a reference (DuplicateCadastralReference)');
    if (/^\d+$/.test(form.parcel.trim())) {
      const parent = await api.query.landRegistry.parcels(Number(form.parcel));
      if ((parent as any).isNone) errors.push(`there is no parcel ${form.parcel} (UnknownParcel)`);
      else {
        const area = BigInt((parent as any).unwrap().attributes.areaM2.toString());
        const sum = children.reduce((total, c) => total + BigInt(c.areaM2), 0n);
        if (sum !== area) errors.push(`the children's areas add up to ${sum} m², the parent's is ${area} m² (SplitAreasDoNotSum)`);
        const landUse = (parent as any).unwrap().attributes.landUse.type as string;
        for (const child of children) child.landUse ??= landUse;
      }
    }
    if (errors.length) return fail(`check the form: ${errors.join('; ')}`);
    await run(async (s) => {
      const result = await splitParcel(api, s, { parcel: Number(form.parcel), children, source: { documentHash: form.documentHash.trim() } }, OPTIONS);
      const ids: number[] = result.children.map(Number);
      return {
        receipt: result.receipt,
        message: (
          <>
            Parcel {form.parcel} split into{' '}
            {ids.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <a href={href.parcel(id)}>parcel {id}</a>
              </span>
            ))}
          </>
        ),
      };
    });
  };
  return (
    <section className="card" aria-labelledby="split-heading">
      <h2 id="split-heading">Split a parcel (registrar)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label>
          Parcel
          <input value={form.parcel} onChange={set('parcel')} name="splitParcel" inputMode="numeric" />
        </label>
        <label>
          Children, one per line: reference area-in-m² geometry-hash [land use]
          <textarea value={form.children} onChange={set('children')} name="children" rows={3} spellCheck={false} />
        </label>
        <label>
          Survey document hash (0x…)
          <input value={form.documentHash} onChange={set('documentHash')} name="splitDocument" spellCheck={false} />
        </label>
        <button type="submit" disabled={outcome.state === 'busy'}>
          Split parcel
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

/** Merging parcels of one jurisdiction carrying the same title into a new parcel. */
function MergeForm({ signer }: { signer: Signer | null }) {
  const { api } = useChain();
  const vocab = vocabulary(api);
  const { outcome, run, fail } = useAction(signer);
  const [form, setForm] = useState({
    parcels: '',
    reference: '',
    geometryHash: '',
    landUse: Object.keys(vocab.landUses)[0] ?? 'residential',
    documentHash: '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: string[] = [];
    const parcels = form.parcels.split(/[\s,]+/).filter(Boolean);
    if (parcels.some((p) => !/^\d+$/.test(p))) errors.push('the parcels are numbers, separated by commas or spaces');
    if (parcels.length < 2) errors.push('a merge takes at least two parcels (TooFewParcelsToMerge)');
    if (parcels.length > vocab.limits.mergedParcels) errors.push(`at most ${vocab.limits.mergedParcels} parcels (the chain's MaxMergeParcels)`);
    if (new Set(parcels).size !== parcels.length) errors.push('a parcel is listed twice (DuplicateParcel)');
    checkText(errors, form.reference, vocab.limits.reference, 'the new cadastral reference', 'EmptyReference');
    checkHash(errors, form.geometryHash, 'the geometry hash');
    checkHash(errors, form.documentHash, 'the survey\u2019s document hash');
    if (errors.length) return fail(`check the form: ${errors.join('; ')}`);
    await run(async (s) => {
      const result = await mergeParcels(
        api,
        s,
        {
          parcels: parcels.map(Number),
          reference: form.reference.trim(),
          geometryHash: form.geometryHash.trim(),
          landUse: form.landUse,
          source: { documentHash: form.documentHash.trim() },
        },
        OPTIONS,
      );
      return {
        receipt: result.receipt,
        message: (
          <>
            Parcels {parcels.join(', ')} merged into <a href={href.parcel(result.parcel)}>parcel {String(result.parcel)}</a>
          </>
        ),
      };
    });
  };
  return (
    <section className="card" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Merge parcels (registrar)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid">
          <label>
            Parcels to merge (e.g. 7, 8)
            <input value={form.parcels} onChange={set('parcels')} name="mergeParcels" />
          </label>
          <label>
            New cadastral reference
            <input value={form.reference} onChange={set('reference')} name="mergeReference" />
          </label>
          <label>
            Geometry hash (0x…)
            <input value={form.geometryHash} onChange={set('geometryHash')} name="mergeGeometry" spellCheck={false} />
          </label>
          <label>
            Land use
            <select value={form.landUse} onChange={set('landUse')} name="mergeLandUse">
              {Object.entries(vocab.landUses as Record<string, string>).map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="wide">
            Survey document hash (0x…)
            <input value={form.documentHash} onChange={set('documentHash')} name="mergeDocument" spellCheck={false} />
          </label>
        </div>
        <button type="submit" disabled={outcome.state === 'busy'}>
          Merge parcels
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

function OfferForm({ signer }: { signer: Signer | null }) {
  const { api, token } = useChain();
  const { outcome, run, fail } = useAction(signer);
  const [form, setForm] = useState({ parcel: '', buyer: '', price: '', days: '1', deed: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: string[] = [];
    if (!/^\d+$/.test(form.parcel.trim())) errors.push('the parcel is a number');
    if (!form.buyer.trim()) errors.push('the buyer is required');
    let price = 0n;
    try {
      price = parseAmount(form.price, token.decimals, token.symbol);
    } catch (error) {
      errors.push((error as Error).message);
    }
    const days = Number(form.days);
    if (!(days > 0)) errors.push('the offer must stand for some time (deadline in the future)');
    checkHash(errors, form.deed, 'the deed hash');
    if (errors.length) return fail(`check the form: ${errors.join('; ')}`);
    await run(async (s) => {
      const result = await makeOffer(
        api,
        s,
        {
          parcel: form.parcel.trim(),
          buyer: form.buyer.trim(),
          price,
          deadlineBlocks: blocksIn(api, days * DEFAULT_OFFER_PERIOD_MS),
          deed: { kind: 'deed', documentHash: form.deed.trim() },
        },
        OPTIONS,
      );
      return {
        receipt: result.receipt,
        message: (
          <>
            Offer <strong data-testid="offer-id">#{String(result.offer)}</strong> made{result.opened ? ' and open' : ' (waiting for co-owners\u2019 consent)'}, deadline block #
            {String(result.deadline)}
          </>
        ),
      };
    });
  };
  return (
    <section className="card" aria-labelledby="offer-heading">
      <h2 id="offer-heading">Offer a parcel for sale (owner)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid">
          <label>
            Parcel
            <input value={form.parcel} onChange={set('parcel')} name="offerParcel" inputMode="numeric" />
          </label>
          <label>
            Buyer (address or dev name)
            <input value={form.buyer} onChange={set('buyer')} name="buyer" spellCheck={false} />
          </label>
          <label>
            Price ({token.symbol})
            <input value={form.price} onChange={set('price')} name="price" />
          </label>
          <label>
            Offer stands for (days)
            <input value={form.days} onChange={set('days')} name="days" inputMode="decimal" />
          </label>
          <label className="wide">
            Deed hash (0x…, blake2-256 of the signed deed)
            <input value={form.deed} onChange={set('deed')} name="deed" spellCheck={false} />
          </label>
        </div>
        <button type="submit" disabled={outcome.state === 'busy'}>
          Make offer
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

function OfferIdForm({ signer, title, button, name, act }: {
  signer: Signer | null;
  title: string;
  button: string;
  name: string;
  act: (s: Signer, offer: number, extra: string) => Promise<{ receipt: Receipt; message: ReactNode }>;
  }) {
  const { api } = useChain();
  const { outcome, run, fail } = useAction(signer);
  const [offer, setOffer] = useState('');
  const reasons = name === 'reject' ? Object.keys(vocabulary(api).rejectionReasons) : [];
  const [reason, setReason] = useState(reasons[0] ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d+$/.test(offer.trim())) return fail('the offer is a number (shown when it was made, and on the parcel page)');
    await run((s) => act(s, Number(offer), reason));
  };
  return (
    <section className="card" aria-labelledby={`${name}-heading`}>
      <h2 id={`${name}-heading`}>{title}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label>
          Offer number
          <input value={offer} onChange={(e) => setOffer(e.target.value)} name={`${name}Offer`} inputMode="numeric" />
        </label>
        {reasons.length > 0 && (
          <label>
            Reason
            <select value={reason} onChange={(e) => setReason(e.target.value)}>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={outcome.state === 'busy'}>
          {button}
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

export function ConsolePage() {
  const { api } = useChain();
  const [signer, setSigner] = useState<Signer | null>(null);
  const amount = (planck: unknown) => String(planck);
  return (
    <>
      <h1>Console</h1>
      <p className="lead">Registrars record; owners offer; buyers fund. Every action is a signed transaction, shown with the block that includes it.</p>
      <SignerPicker signer={signer} onChange={setSigner} />
      <div className="console-grid">
        <RegisterForm signer={signer} />
        <EncumbranceForm signer={signer} />
        <SplitForm signer={signer} />
        <MergeForm signer={signer} />
        <MortgageConsentForm signer={signer} />
        <OfferForm signer={signer} />
        <OfferIdForm
          signer={signer}
          name="consent"
          title="Consent to an offer (co-owner or co-grantee)"
          button="Consent to offer"
          act={async (s, offer) => {
            const { receipt, opened } = await consentToOffer(api, s, { offer }, OPTIONS);
            return { receipt, message: <>Consent to offer #{offer} recorded{opened ? '; the offer is open' : ''}</> };
          }}
        />
        <OfferIdForm
          signer={signer}
          name="fund"
          title="Accept and fund an offer (buyer)"
          button="Accept and fund"
          act={async (s, offer) => {
            const { receipt } = await acceptAndFund(api, s, { offer }, OPTIONS);
            return { receipt, message: <>Offer #{offer} accepted; the price is held in escrow</> };
          }}
        />
        <OfferIdForm
          signer={signer}
          name="approve"
          title="Approve a funded sale (registrar)"
          button="Approve sale"
          act={async (s, offer) => {
            const { receipt, title } = await approveTransfer(api, s, { offer }, OPTIONS);
            return {
              receipt,
              message: (
                <>
                  Offer #{offer} approved and settled{title ? <> — <a href={href.parcel(title.parcel)}>parcel {amount(title.parcel)}</a> has a new title</> : null}
                </>
              ),
            };
          }}
        />
        <OfferIdForm
          signer={signer}
          name="cancel"
          title="Cancel an offer (seller, or the buyer once funded)"
          button="Cancel offer"
          act={async (s, offer) => {
            const { receipt } = await cancelOffer(api, s, { offer }, OPTIONS);
            return { receipt, message: <>Offer #{offer} cancelled; the buyer is refunded and the parcel unlocked</> };
          }}
        />
        <OfferIdForm
          signer={signer}
          name="reject"
          title="Reject a sale (registrar)"
          button="Reject sale"
          act={async (s, offer, reason) => {
            const { receipt } = await rejectTransfer(api, s, { offer, reason }, OPTIONS);
            return { receipt, message: <>Offer #{offer} rejected; the buyer is refunded</> };
          }}
        />
      </div>
    </>
  );
}
