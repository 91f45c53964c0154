// A financed purchase: the buyer accepts naming lenders (amount and rank each) and escrows the
// rest; each lender funds its advance with its mortgage deed; every grantee consents to each
// lender's terms; the lender of a mortgage already on the parcel may lodge its redemption figure.
// The calls are scripts/src/conveyance.mjs's (the CLI's `buyer accept --finance`, `lender fund`,
// `buyer consent-to-advance`, `lender redemption`).
import { acceptWithFinance, fundAdvance, consentToAdvance, lodgeRedemption } from '@landchain/scripts/conveyance.mjs';
import { vocabulary } from '@landchain/scripts/vocabulary.mjs';
import { useAmount, useChain } from '../../chain';
import { Account, Hash } from '../../components';
import { ActionForm, Field, OPTIONS, useFields, type Action } from '../../forms';
import { checkAccount, checkAdvances, checkAmount, checkHash, checkId, checkRank } from '../../validate';
import type { FormProps } from './shared';

/** The open offer `id`, or an error message naming the chain's `UnknownOffer`. */
async function readOffer(api: any, errors: string[], id: number) {
  const found = await api.query.conveyance.offers(id);
  if (found.isNone) {
    errors.push(`there is no open offer #${id} (UnknownOffer)`);
    return null;
  }
  return found.unwrap();
}

function AcceptWithFinanceForm({ signer }: FormProps) {
  const { api, token } = useChain();
  const amount = useAmount();
  const { values: form, bind } = useFields({ offer: '', lenders: '' });
  const prepare = async (errors: string[]): Promise<Action> => {
    const offer = checkId(errors, form.offer, 'the offer');
    const record = errors.length ? null : await readOffer(api, errors, offer);
    const price = record ? BigInt(record.price.toString()) : null;
    const advances = await checkAdvances(api, errors, form.lenders, token, { max: vocabulary(api).limits.advances, buyer: signer?.address ?? null, price });
    return async (s) => {
      const result = await acceptWithFinance(api, s, { offer, advances }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Offer #{offer} accepted with finance: {amount(String(result.buyerFunds ?? 0))} of your own held in escrow; lenders to fund:{' '}
            {advances.map((a, i) => (
              <span key={a.lender}>
                {i > 0 && ', '}
                <Account address={a.lender} /> {amount(a.amount)} at rank {a.rank}
              </span>
            ))}
          </>
        ),
      };
    };
  };
  return (
    <ActionForm
      id="acceptFinance"
      title="Accept an offer with finance (buyer)"
      button="Accept with finance"
      signer={signer}
      prepare={prepare}
      grid={false}
      intro="Each lender advances part of the price against a mortgage of its rank on your new title; you escrow the rest now."
    >
      <Field label="Offer number" name="financeOffer" numeric {...bind('offer')} />
      <Field label={`Lenders, one per line as lender:amount:rank (amount in ${token.symbol}, e.g. ferdie:800:1)`} name="lenders" rows={2} {...bind('lenders')} />
    </ActionForm>
  );
}

function FundAdvanceForm({ signer }: FormProps) {
  const { api, token } = useChain();
  const amount = useAmount();
  const { values: form, bind } = useFields({ offer: '', amount: '', rank: '1', deed: '' });
  const prepare = async (errors: string[]): Promise<Action> => {
    const offer = checkId(errors, form.offer, 'the offer');
    const planck = checkAmount(errors, form.amount, token, 'the advance', { aboveZero: true });
    const rank = checkRank(errors, form.rank);
    checkHash(errors, form.deed, 'the mortgage deed hash');
    const record = errors.length ? null : await readOffer(api, errors, offer);
    if (record && signer) {
      const mine = (record.advances ?? []).find((a: any) => a.lender.toString() === signer.address);
      if (!mine) errors.push(`the buyer did not name the signing account as a lender of offer #${offer} (NotALender)`);
      else if (BigInt(mine.amount.toString()) !== planck || mine.rank.toNumber() !== rank) {
        errors.push(`the buyer named ${amount(mine.amount.toString())} at rank ${mine.rank.toNumber()} (AdvanceTermsMismatch)`);
      }
    }
    return async (s) => {
      const result = await fundAdvance(api, s, { offer, amount: planck, rank, deed: { documentHash: form.deed.trim() } }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Advance of {amount(String(result.amount))} at rank {String(result.rank)} held in escrow on offer #{offer}, mortgage deed <Hash value={form.deed.trim()} />
            {result.ready ? ' — every advance is funded and consented to: a registrar may approve' : ' — each grantee now consents to these terms with this deed hash'}
          </>
        ),
      };
    };
  };
  return (
    <ActionForm id="fundAdvance" title="Fund an advance (lender)" button="Fund advance" signer={signer} prepare={prepare}>
      <Field label="Offer number" name="advanceOffer" numeric {...bind('offer')} />
      <Field label={`Amount (${token.symbol}), as the buyer named it`} name="advanceAmount" {...bind('amount')} />
      <Field label="Rank, as the buyer named it" name="advanceRank" numeric {...bind('rank')} />
      <Field label="Mortgage deed hash (0x…)" name="advanceDeed" code {...bind('deed')} />
    </ActionForm>
  );
}

function ConsentToAdvanceForm({ signer }: FormProps) {
  const { api } = useChain();
  const { values: form, bind } = useFields({ offer: '', lender: '', deed: '' });
  const prepare = async (errors: string[]): Promise<Action> => {
    const offer = checkId(errors, form.offer, 'the offer');
    const lender = await checkAccount(api, errors, form.lender, 'the lender');
    checkHash(errors, form.deed, 'the mortgage deed hash');
    return async (s) => {
      const result = await consentToAdvance(api, s, { offer, lender, deedHash: form.deed.trim() }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Consent to <Account address={lender} />
            's advance on offer #{offer} recorded{result.ready ? ' — every advance is funded and consented to: a registrar may approve' : ''}
          </>
        ),
      };
    };
  };
  return (
    <ActionForm id="consentAdvance" title="Consent to a lender's terms (grantee)" button="Consent to advance" signer={signer} prepare={prepare}>
      <Field label="Offer number" name="consentAdvanceOffer" numeric {...bind('offer')} />
      <Field label="Lender (address or dev name)" name="consentAdvanceLender" code {...bind('lender')} />
      <Field wide label="The lender's mortgage deed hash (0x…)" name="consentAdvanceDeed" code {...bind('deed')} />
    </ActionForm>
  );
}

function RedemptionForm({ signer }: FormProps) {
  const { api, token } = useChain();
  const amount = useAmount();
  const { values: form, bind } = useFields({ offer: '', encumbrance: '', amount: '' });
  const prepare = (errors: string[]): Action => {
    const offer = checkId(errors, form.offer, 'the offer');
    const encumbrance = checkId(errors, form.encumbrance, 'the encumbrance (your mortgage, on the parcel page)');
    const planck = checkAmount(errors, form.amount, token, 'the redemption figure', { aboveZero: true });
    return async (s) => {
      const result = await lodgeRedemption(api, s, { offer, encumbrance, amount: planck }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Redemption figure {amount(String(result.amount))} lodged for mortgage #{encumbrance} (recorded {amount(String(result.recorded))}): the settlement of offer #{offer} pays it
          </>
        ),
      };
    };
  };
  return (
    <ActionForm id="redemption" title="Lodge a redemption figure (lender of a mortgage on the parcel)" button="Lodge redemption" signer={signer} prepare={prepare}>
      <Field label="Offer number" name="redemptionOffer" numeric {...bind('offer')} />
      <Field label="Encumbrance number" name="redemptionEncumbrance" numeric {...bind('encumbrance')} />
      <Field label={`Redemption figure (${token.symbol})`} name="redemptionAmount" {...bind('amount')} />
    </ActionForm>
  );
}

export function FinanceForms({ signer }: FormProps) {
  return (
    <div className="console-grid">
      <AcceptWithFinanceForm signer={signer} />
      <FundAdvanceForm signer={signer} />
      <ConsentToAdvanceForm signer={signer} />
      <RedemptionForm signer={signer} />
    </div>
  );
}
