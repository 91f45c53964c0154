// The console: registrars register, encumber, split and merge parcels, file and confirm
// applications, approve or reject sales; owners consent, offer and object; buyers accept (with or
// without finance); lenders fund advances and lodge redemption figures. Every call is the CLI
// library's (scripts/src), signed by the chosen account, followed to its block; a refusal shows
// the chain's documented error. Each form is an `ActionForm` (src/forms.tsx).
import { useState } from 'react';
import { registerParcel, approveTransfer, rejectTransfer, recordEncumbrance, consentToMortgage, splitParcel, mergeParcels, ENCUMBRANCE_KINDS } from '@landchain/scripts/registry.mjs';
import { offer as makeOffer, acceptAndFund, cancel as cancelOffer, consent as consentToOffer, DEFAULT_OFFER_PERIOD_MS } from '@landchain/scripts/conveyance.mjs';
import { hashBytes } from '@landchain/scripts/documents.mjs';
import { vocabulary, blocksIn } from '@landchain/scripts/vocabulary.mjs';
import { useChain } from '../chain';
import { ActionForm, Choice, Field, OPTIONS, useFields, type Action } from '../forms';
import { SignerPicker, useSigner } from '../signer';
import { checkAccount, checkAmount, checkHash, checkId, checkOwners, checkRank, checkText } from '../validate';
import { ApplicationForms } from './console/applications';
import { IdForm, ParcelLink, ParcelLinks, type FormProps } from './console/shared';
import { FinanceForms } from './console/finance';

function RegisterForm({ signer }: FormProps) {
  const { api } = useChain();
  const vocab = vocabulary(api);
  const limits = vocab.limits;
  const { values: form, bind, setValues } = useFields({
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
  const hashFile = async (file: File | undefined, key: 'documentHash' | 'geometryHash') => {
    if (!file) return;
    const hash = hashBytes(new Uint8Array(await file.arrayBuffer()));
    setValues((f) => ({ ...f, [key]: hash }));
  };
  const prepare = async (errors: string[]): Promise<Action> => {
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
    return async (s) => {
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
      return { receipt, message: <>Registered <ParcelLink id={parcel} /></> };
    };
  };
  return (
    <ActionForm id="register" title="Register a parcel (registrar)" button="Register parcel" signer={signer} prepare={prepare}>
      <Field label="Jurisdiction" name="jurisdiction" {...bind('jurisdiction')} />
      <Field label="Cadastral reference" name="reference" placeholder="BLOCK-9/901" {...bind('reference')} />
      <Field label="Area (m²)" name="area" numeric {...bind('area')} />
      <Choice label="Land use" name="landUse" options={vocab.landUses as Record<string, string>} {...bind('landUse')} />
      <Field label="Geometry hash (0x…)" name="geometryHash" code {...bind('geometryHash')} />
      <label>
        or hash the survey's geometry file
        <input type="file" onChange={(e) => void hashFile(e.target.files?.[0], 'geometryHash')} />
      </label>
      <Choice label="Source document kind" name="sourceKind" options={vocab.sourceKinds as Record<string, string>} {...bind('sourceKind')} />
      <Field label="Document hash (0x…)" name="documentHash" code {...bind('documentHash')} />
      <label>
        or hash the document file
        <input type="file" onChange={(e) => void hashFile(e.target.files?.[0], 'documentHash')} />
      </label>
      <Field label="Document URI (optional)" name="uri" {...bind('uri')} />
      <Field wide rows={3} name="owners" label="Owners, one per line as account:share (e.g. dave:1/2) — SS58 addresses, or dev names on --dev" {...bind('owners')} />
      <Choice label="Tenure" name="tenure" options={{ freehold: 'Freehold', leasehold: 'Leasehold' }} {...bind('tenure')} />
      {form.tenure === 'leasehold' && <Field label="Leasehold expires on" type="date" name="leaseUntil" {...bind('leaseUntil')} />}
    </ActionForm>
  );
}

type TermKind = 'account' | 'amount' | 'rank' | 'hash' | 'text' | 'date' | 'parcel';
const TERMS: Record<string, Array<{ key: string; label: string; kind: TermKind }>> = {
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

const bare = (label: string) => label.replace(/ \(.*/, '').toLowerCase();

function EncumbranceForm({ signer }: FormProps) {
  const { api, token } = useChain();
  const kinds = (ENCUMBRANCE_KINDS as string[]).filter((k) => TERMS[k]);
  const { values: form, bind } = useFields({ kind: kinds[0] ?? 'mortgage', parcel: '', documentHash: '' });
  const [terms, setTerms] = useState<Record<string, string>>({ rank: '1' });
  const prepare = (errors: string[]): Action => {
    const parcel = checkId(errors, form.parcel, 'the parcel');
    checkHash(errors, form.documentHash, 'the document hash');
    const args: Record<string, unknown> = {};
    for (const field of TERMS[form.kind]) {
      const raw = (terms[field.key] ?? '').trim();
      if (field.kind === 'amount') args[field.key] = checkAmount(errors, raw, token, 'the amount', { aboveZero: true });
      else if (field.kind === 'rank') args[field.key] = checkRank(errors, raw);
      else if (field.kind === 'hash') {
        checkHash(errors, raw, bare(field.label));
        args[field.key] = raw;
      } else if (field.kind === 'parcel') {
        if (raw && !/^\d+$/.test(raw)) errors.push('the dominant parcel is a number');
        args[field.key] = raw ? Number(raw) : null;
      } else if (field.kind === 'date') {
        const at = Date.parse(raw);
        if (Number.isNaN(at)) errors.push('the lease needs its expiry date');
        args[field.key] = Math.floor(at / 1000);
      } else if (field.kind === 'text') {
        checkText(errors, raw, vocabulary(api).limits.reference, 'the court reference', 'EmptyCourtReference');
        args[field.key] = raw;
      } else {
        if (!raw) errors.push(`${bare(field.label)} is required`);
        args[field.key] = raw;
      }
    }
    return async (s) => {
      const result = await recordEncumbrance(api, s, { parcel, kind: form.kind, terms: args, source: { documentHash: form.documentHash.trim() } }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Recorded encumbrance #{String(result.encumbrance)} ({form.kind}) on <ParcelLink id={parcel} />
          </>
        ),
      };
    };
  };
  return (
    <ActionForm id="encumbrance" title="Record an encumbrance (registrar)" button="Record encumbrance" signer={signer} prepare={prepare}>
      <Field label="Parcel" name="encumbranceParcel" numeric {...bind('parcel')} />
      <Choice label="Kind" name="encumbranceKind" options={kinds} {...bind('kind')} />
      {TERMS[form.kind].map((field) => (
        <Field
          key={`${form.kind}-${field.key}`}
          label={field.kind === 'amount' ? `${field.label} (${token.symbol})` : field.label}
          type={field.kind === 'date' ? 'date' : 'text'}
          code
          value={terms[field.key] ?? ''}
          onChange={(e) => setTerms({ ...terms, [field.key]: e.target.value })}
        />
      ))}
      <Field wide label="Document hash (0x…, the instrument, order or agreement)" name="encumbranceDocument" code {...bind('documentHash')} />
    </ActionForm>
  );
}

function MortgageConsentForm({ signer }: FormProps) {
  const { api, token } = useChain();
  const { values: form, bind } = useFields({ parcel: '', lender: '', amount: '', rank: '1' });
  const prepare = (errors: string[]): Action => {
    const parcel = checkId(errors, form.parcel, 'the parcel');
    if (!form.lender.trim()) errors.push('the lender is required');
    const amount = checkAmount(errors, form.amount, token, 'the amount');
    const rank = checkRank(errors, form.rank);
    return async (s) => {
      const { receipt } = await consentToMortgage(api, s, { parcel, lender: form.lender.trim(), amount, rank }, OPTIONS);
      return { receipt, message: <>Consent to the mortgage of parcel {parcel} recorded</> };
    };
  };
  return (
    <ActionForm id="mconsent" title="Consent to a mortgage (owner)" button="Consent to mortgage" signer={signer} prepare={prepare}>
      <Field label="Parcel" name="consentParcel" numeric {...bind('parcel')} />
      <Field label="Lender (address or dev name)" name="consentLender" code {...bind('lender')} />
      <Field label={`Amount (${token.symbol})`} name="consentAmount" {...bind('amount')} />
      <Field label="Rank" name="consentRank" numeric {...bind('rank')} />
    </ActionForm>
  );
}

/**
 * Splitting a parcel: children typed one per line as `reference area geometry-hash [land use]`,
 * checked as the chain checks them (at least two, areas above zero summing to the parent's,
 * distinct non-empty references).
 */
function SplitForm({ signer }: FormProps) {
  const { api } = useChain();
  const vocab = vocabulary(api);
  const { values: form, bind } = useFields({ parcel: '', children: '', documentHash: '' });
  const prepare = async (errors: string[]): Promise<Action> => {
    const parcel = checkId(errors, form.parcel, 'the parcel');
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
      const parent = await api.query.landRegistry.parcels(parcel);
      if ((parent as any).isNone) errors.push(`there is no parcel ${parcel} (UnknownParcel)`);
      else {
        const area = BigInt((parent as any).unwrap().attributes.areaM2.toString());
        const sum = children.reduce((total, c) => total + BigInt(c.areaM2), 0n);
        if (sum !== area) errors.push(`the children's areas add up to ${sum} m², the parent's is ${area} m² (SplitAreasDoNotSum)`);
        const landUse = (parent as any).unwrap().attributes.landUse.type as string;
        for (const child of children) child.landUse ??= landUse;
      }
    }
    return async (s) => {
      const result = await splitParcel(api, s, { parcel, children, source: { documentHash: form.documentHash.trim() } }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Parcel {parcel} split into <ParcelLinks ids={result.children.map(Number)} />
          </>
        ),
      };
    };
  };
  return (
    <ActionForm id="split" title="Split a parcel (registrar)" button="Split parcel" signer={signer} prepare={prepare} grid={false}>
      <Field label="Parcel" name="splitParcel" numeric {...bind('parcel')} />
      <Field label="Children, one per line: reference area-in-m² geometry-hash [land use]" name="children" rows={3} {...bind('children')} />
      <Field label="Survey document hash (0x…)" name="splitDocument" code {...bind('documentHash')} />
    </ActionForm>
  );
}

/** Merging parcels of one jurisdiction carrying the same title into a new parcel. */
function MergeForm({ signer }: FormProps) {
  const { api } = useChain();
  const vocab = vocabulary(api);
  const { values: form, bind } = useFields({ parcels: '', reference: '', geometryHash: '', landUse: Object.keys(vocab.landUses)[0] ?? 'residential', documentHash: '' });
  const prepare = (errors: string[]): Action => {
    const parcels = form.parcels.split(/[\s,]+/).filter(Boolean);
    if (parcels.some((p) => !/^\d+$/.test(p))) errors.push('the parcels are numbers, separated by commas or spaces');
    if (parcels.length < 2) errors.push('a merge takes at least two parcels (TooFewParcelsToMerge)');
    if (parcels.length > vocab.limits.mergedParcels) errors.push(`at most ${vocab.limits.mergedParcels} parcels (the chain's MaxMergeParcels)`);
    if (new Set(parcels).size !== parcels.length) errors.push('a parcel is listed twice (DuplicateParcel)');
    checkText(errors, form.reference, vocab.limits.reference, 'the new cadastral reference', 'EmptyReference');
    checkHash(errors, form.geometryHash, 'the geometry hash');
    checkHash(errors, form.documentHash, 'the survey\u2019s document hash');
    return async (s) => {
      const result = await mergeParcels(
        api,
        s,
        { parcels: parcels.map(Number), reference: form.reference.trim(), geometryHash: form.geometryHash.trim(), landUse: form.landUse, source: { documentHash: form.documentHash.trim() } },
        OPTIONS,
      );
      return {
        receipt: result.receipt,
        message: (
          <>
            Parcels {parcels.join(', ')} merged into <ParcelLink id={result.parcel} />
          </>
        ),
      };
    };
  };
  return (
    <ActionForm id="merge" title="Merge parcels (registrar)" button="Merge parcels" signer={signer} prepare={prepare}>
      <Field label="Parcels to merge (e.g. 7, 8)" name="mergeParcels" {...bind('parcels')} />
      <Field label="New cadastral reference" name="mergeReference" {...bind('reference')} />
      <Field label="Geometry hash (0x…)" name="mergeGeometry" code {...bind('geometryHash')} />
      <Choice label="Land use" name="mergeLandUse" options={vocab.landUses as Record<string, string>} {...bind('landUse')} />
      <Field wide label="Survey document hash (0x…)" name="mergeDocument" code {...bind('documentHash')} />
    </ActionForm>
  );
}

function OfferForm({ signer }: FormProps) {
  const { api, token } = useChain();
  const { values: form, bind } = useFields({ parcel: '', buyer: '', price: '', days: '1', deed: '' });
  const prepare = async (errors: string[]): Promise<Action> => {
    const parcel = checkId(errors, form.parcel, 'the parcel');
    const buyer = await checkAccount(api, errors, form.buyer, 'the buyer');
    const price = checkAmount(errors, form.price, token, 'the price');
    const days = Number(form.days);
    if (!(days > 0)) errors.push('the offer must stand for some time (deadline in the future)');
    checkHash(errors, form.deed, 'the deed hash');
    return async (s) => {
      const result = await makeOffer(api, s, { parcel, buyer, price, deadlineBlocks: blocksIn(api, days * DEFAULT_OFFER_PERIOD_MS), deed: { kind: 'deed', documentHash: form.deed.trim() } }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Offer <strong data-testid="offer-id">#{String(result.offer)}</strong> made{result.opened ? ' and open' : ' (waiting for co-owners\u2019 consent)'}, deadline block #
            {String(result.deadline)}
          </>
        ),
      };
    };
  };
  return (
    <ActionForm id="offer" title="Offer a parcel for sale (owner)" button="Make offer" signer={signer} prepare={prepare}>
      <Field label="Parcel" name="offerParcel" numeric {...bind('parcel')} />
      <Field label="Buyer (address or dev name)" name="buyer" code {...bind('buyer')} />
      <Field label={`Price (${token.symbol})`} name="price" {...bind('price')} />
      <Field label="Offer stands for (days)" name="days" {...bind('days')} />
      <Field wide label="Deed hash (0x…, blake2-256 of the signed deed)" name="deed" code {...bind('deed')} />
    </ActionForm>
  );
}

function SaleForms({ signer }: FormProps) {
  const { api } = useChain();
  return (
    <>
      <IdForm
        signer={signer}
        name="consent"
        title="Consent to an offer (co-owner or co-grantee)"
        button="Consent to offer"
        act={async (s, offer) => {
          const { receipt, opened } = await consentToOffer(api, s, { offer }, OPTIONS);
          return { receipt, message: <>Consent to offer #{offer} recorded{opened ? '; the offer is open' : ''}</> };
        }}
      />
      <IdForm
        signer={signer}
        name="fund"
        title="Accept and fund an offer (buyer)"
        button="Accept and fund"
        act={async (s, offer) => {
          const { receipt } = await acceptAndFund(api, s, { offer }, OPTIONS);
          return { receipt, message: <>Offer #{offer} accepted; the price is held in escrow</> };
        }}
      />
      <IdForm
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
                Offer #{offer} approved and settled
                {title ? (
                  <>
                    {' '}
                    — <ParcelLink id={title.parcel} /> has a new title
                  </>
                ) : null}
              </>
            ),
          };
        }}
      />
      <IdForm
        signer={signer}
        name="cancel"
        title="Cancel an offer (seller, or the buyer once funded)"
        button="Cancel offer"
        act={async (s, offer) => {
          const { receipt } = await cancelOffer(api, s, { offer }, OPTIONS);
          return { receipt, message: <>Offer #{offer} cancelled; the buyer is refunded and the parcel unlocked</> };
        }}
      />
      <IdForm
        signer={signer}
        name="reject"
        title="Reject a sale (registrar)"
        button="Reject sale"
        choices={{ label: 'Reason', options: Object.keys(vocabulary(api).rejectionReasons) }}
        act={async (s, offer, reason) => {
          const { receipt } = await rejectTransfer(api, s, { offer, reason }, OPTIONS);
          return { receipt, message: <>Offer #{offer} rejected; the buyer is refunded</> };
        }}
      />
    </>
  );
}

export function ConsolePage() {
  const { signer } = useSigner();
  return (
    <>
      <h1>Console</h1>
      <p className="lead">Registrars record; owners offer and object; buyers and lenders fund. Every action is a signed transaction, shown with the block that includes it.</p>
      <nav className="jump" aria-label="Console sections">
        <a href="#registry-group" onClick={jump('registry-group')}>Registry</a> · <a href="#applications-group" onClick={jump('applications-group')}>Applications</a> ·{' '}
        <a href="#sale-group" onClick={jump('sale-group')}>Sales</a> · <a href="#finance-group" onClick={jump('finance-group')}>Financed purchases</a>
      </nav>
      <SignerPicker />
      <div className="console-group">
        <h2 id="registry-group" className="group">Registry (registrars)</h2>
        <div className="console-grid">
          <RegisterForm signer={signer} />
          <EncumbranceForm signer={signer} />
          <SplitForm signer={signer} />
          <MergeForm signer={signer} />
          <MortgageConsentForm signer={signer} />
        </div>
      </div>
      <div className="console-group">
        <h2 id="applications-group" className="group">Applications: changes without the owner's signature</h2>
        <ApplicationForms signer={signer} />
      </div>
      <div className="console-group">
        <h2 id="sale-group" className="group">Sales</h2>
        <div className="console-grid">
          <OfferForm signer={signer} />
          <SaleForms signer={signer} />
        </div>
      </div>
      <div className="console-group">
        <h2 id="finance-group" className="group">Financed purchases (buyers and lenders)</h2>
        <FinanceForms signer={signer} />
      </div>
    </>
  );
}

/** In-page links that do not change the hash route. */
const jump = (id: string) => (event: React.MouseEvent) => {
  event.preventDefault();
  document.getElementById(id)?.scrollIntoView();
};
