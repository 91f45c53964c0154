// Applications: changes to the registry without the affected parties' signatures (releasing an
// encumbrance, a transfer by operation of law, rectifying a title or a parcel, recovering a lost
// key). One registrar proposes, a second confirms (public notice starts), an affected party may
// object, anyone enacts after the notice; the proposer may withdraw, and the lost key itself may
// veto a recovery. Also a holder's own discharge, which needs no application. The calls are
// scripts/src/applications.mjs's and recovery.mjs's.
import { propose, confirm, enact, withdraw, object, discharge, DEFAULT_SOURCE } from '@landchain/scripts/applications.mjs';
import { hashBytes } from '@landchain/scripts/documents.mjs';
import { veto } from '@landchain/scripts/recovery.mjs';
import { vocabulary } from '@landchain/scripts/vocabulary.mjs';
import { useChain } from '../../chain';
import { Account } from '../../components';
import { ActionForm, Choice, Field, OPTIONS, useFields, type Action } from '../../forms';
import { checkHash, checkId, checkOwners, checkRecovery } from '../../validate';
import { IdForm, ParcelLink, type FormProps } from './shared';

const CHANGES = {
  release: 'Release an encumbrance (lift a caveat, release without its holder)',
  transferByLaw: 'Transfer by operation of law (inheritance, court order…)',
  rectifyTitle: 'Rectify the title (owners and shares)',
  rectifyParcel: 'Rectify the parcel (area, land use, geometry)',
  recoverKey: 'Recover a lost key (the party’s new account takes its place)',
};
type ChangeKind = keyof typeof CHANGES;

function ProposeForm({ signer }: FormProps) {
  const { api } = useChain();
  const vocab = vocabulary(api);
  const { values: form, bind, setValues } = useFields({
    parcel: '',
    change: 'release' as string,
    encumbrance: '',
    owners: '',
    reason: Object.keys(vocab.lawfulReasons)[0] ?? 'inheritance',
    area: '',
    landUse: Object.keys(vocab.landUses)[0] ?? 'residential',
    geometryHash: '',
    sourceKind: '',
    documentHash: '',
    lost: '',
    replacement: '',
  });
  const kind = form.change as ChangeKind;
  const sourceKind = form.sourceKind || (DEFAULT_SOURCE as Record<string, string>)[kind];
  const prepare = async (errors: string[]): Promise<Action> => {
    const parcel = checkId(errors, form.parcel, 'the parcel');
    checkHash(errors, form.documentHash, 'the document hash (the court order, probate, survey…)');
    let change: Record<string, unknown> = {};
    if (kind === 'release') {
      const encumbrance = checkId(errors, form.encumbrance, 'the encumbrance');
      if (!errors.length) {
        const list = (await api.query.landRegistry.encumbrances(parcel)) as any;
        if (!list.some((e: any) => e.id.toNumber() === encumbrance)) errors.push(`parcel ${parcel} has no encumbrance #${encumbrance} (UnknownEncumbrance)`);
      }
      change = { release: { encumbrance } };
    } else if (kind === 'transferByLaw' || kind === 'rectifyTitle') {
      const owners = await checkOwners(api, errors, form.owners, vocab.limits.owners, null);
      change = { [kind]: { owners, tenure: null, ...(kind === 'transferByLaw' ? { reason: form.reason } : {}) } };
    } else if (kind === 'recoverKey') {
      const [lost, replacement] = await checkRecovery(api, errors, { parcel, lost: form.lost, replacement: form.replacement, signer: signer?.address ?? null });
      change = { recoverKey: { lost, replacement } };
    } else {
      if (!/^\d+$/.test(form.area.trim()) || BigInt(form.area.trim()) === 0n) errors.push('the area is a whole number of square metres above zero (ZeroArea)');
      checkHash(errors, form.geometryHash, 'the geometry hash');
      change = { rectifyParcel: { areaM2: form.area.trim() || '0', landUse: form.landUse, geometryHash: form.geometryHash.trim() } };
    }
    return async (s) => {
      const result = await propose(api, s, { parcel, change, source: { kind: sourceKind, documentHash: form.documentHash.trim() } }, OPTIONS);
      return {
        receipt: result.receipt,
        message: (
          <>
            Application <strong data-testid="application-id">#{String(result.application)}</strong> on <ParcelLink id={parcel} /> proposed: a second registrar
            confirms it; may object: {result.affected.map((a: string, i: number) => <span key={a}>{i > 0 && ', '}<Account address={a} /></span>)}
          </>
        ),
      };
    };
  };
  const hashFile = async (file: File | undefined) => {
    if (file) {
      const hash = hashBytes(new Uint8Array(await file.arrayBuffer()));
      setValues((f) => ({ ...f, documentHash: hash }));
    }
  };
  return (
    <ActionForm id="propose" title="Propose an application (registrar)" button="Propose application" signer={signer} prepare={prepare}>
      <Field label="Parcel" name="applicationParcel" numeric {...bind('parcel')} />
      <Choice label="Change" name="change" options={CHANGES} {...bind('change')} />
      {kind === 'release' && <Field label="Encumbrance number (on the parcel page)" name="releaseEncumbrance" numeric {...bind('encumbrance')} />}
      {(kind === 'transferByLaw' || kind === 'rectifyTitle') && (
        <Field wide rows={2} label="New owners, one per line as account:share (e.g. ferdie:1/1)" name="applicationOwners" {...bind('owners')} />
      )}
      {kind === 'recoverKey' && (
        <>
          <Field wide label="Lost account (SS58 address)" name="recoveryLost" code {...bind('lost')} />
          <Field wide label="Replacement account (SS58 address, attested in the party register)" name="recoveryReplacement" code {...bind('replacement')} />
        </>
      )}
      {kind === 'transferByLaw' && <Choice label="Reason" name="lawfulReason" options={Object.keys(vocab.lawfulReasons)} {...bind('reason')} />}
      {kind === 'rectifyParcel' && (
        <>
          <Field label="Area (m²)" name="rectifyArea" numeric {...bind('area')} />
          <Choice label="Land use" name="rectifyLandUse" options={vocab.landUses as Record<string, string>} {...bind('landUse')} />
          <Field wide label="Geometry hash (0x…)" name="rectifyGeometry" code {...bind('geometryHash')} />
        </>
      )}
      <Choice label="Source document kind" name="applicationSourceKind" options={Object.keys(vocab.sourceKinds)} value={sourceKind} onChange={bind('sourceKind').onChange} />
      <Field label="Document hash (0x…)" name="applicationDocument" code {...bind('documentHash')} />
      <label className="wide">
        or hash the document file
        <input type="file" onChange={(e) => void hashFile(e.target.files?.[0])} />
      </label>
    </ActionForm>
  );
}

function ObjectForm({ signer }: FormProps) {
  const { api } = useChain();
  const { values: form, bind } = useFields({ application: '', grounds: '' });
  const prepare = async (errors: string[]): Promise<Action> => {
    const application = checkId(errors, form.application, 'the application (on the parcel page)');
    checkHash(errors, form.grounds, 'the grounds hash (blake2-256 of your written objection)');
    if (!errors.length && signer) {
      const found = (await api.query.landRegistry.applications(application)) as any;
      if (found.isNone) errors.push(`there is no pending application #${application} (UnknownApplication)`);
      else if (!found.unwrap().affected.some((a: any) => a.toString() === signer.address)) errors.push('the signing account is not among the parties the application affects (NotAffected)');
    }
    return async (s) => {
      const { receipt } = await object(api, s, { application, grounds: form.grounds.trim() }, OPTIONS);
      return { receipt, message: <>Objection to application #{application} lodged: it is suspended until the council decides</> };
    };
  };
  return (
    <ActionForm id="object" title="Object to an application (owner or right-holder)" button="Object" signer={signer} prepare={prepare}>
      <Field label="Application number" name="objectApplication" numeric {...bind('application')} />
      <Field label="Grounds hash (0x…)" name="grounds" code {...bind('grounds')} />
    </ActionForm>
  );
}

function DischargeForm({ signer }: FormProps) {
  const { api } = useChain();
  const { values: form, bind } = useFields({ parcel: '', encumbrance: '' });
  const prepare = (errors: string[]): Action => {
    const parcel = checkId(errors, form.parcel, 'the parcel');
    const encumbrance = checkId(errors, form.encumbrance, 'the encumbrance');
    return async (s) => {
      const { receipt } = await discharge(api, s, { parcel, encumbrance }, OPTIONS);
      return { receipt, message: <>Encumbrance #{encumbrance} on <ParcelLink id={parcel} /> discharged</> };
    };
  };
  return (
    <ActionForm id="discharge" title="Discharge your own mortgage, lien or lease (holder)" button="Discharge" signer={signer} prepare={prepare}>
      <Field label="Parcel" name="dischargeParcel" numeric {...bind('parcel')} />
      <Field label="Encumbrance number" name="dischargeEncumbrance" numeric {...bind('encumbrance')} />
    </ActionForm>
  );
}

export function ApplicationForms({ signer }: FormProps) {
  const { api } = useChain();
  return (
    <div className="console-grid">
      <ProposeForm signer={signer} />
      <IdForm
        signer={signer}
        name="confirmApplication"
        what="application"
        title="Confirm an application (a second registrar)"
        button="Confirm application"
        act={async (s, application) => {
          const { receipt, noticeEnds } = await confirm(api, s, { application }, OPTIONS);
          return { receipt, message: <>Application #{application} confirmed: in public notice; anyone may enact it from block #{String(noticeEnds)}</> };
        }}
      />
      <IdForm
        signer={signer}
        name="enactApplication"
        what="application"
        title="Enact an application after its notice (anyone)"
        button="Enact application"
        act={async (s, application) => {
          const { receipt } = await enact(api, s, { application }, OPTIONS);
          return { receipt, message: <>Application #{application} enacted</> };
        }}
      />
      <IdForm
        signer={signer}
        name="withdrawApplication"
        what="application"
        title="Withdraw an application (its proposer)"
        button="Withdraw application"
        act={async (s, application) => {
          const { receipt } = await withdraw(api, s, { application }, OPTIONS);
          return { receipt, message: <>Application #{application} withdrawn; the deposit is returned</> };
        }}
      />
      <ObjectForm signer={signer} />
      <IdForm
        signer={signer}
        name="vetoRecovery"
        what="application"
        title="Veto a recovery of your key (the lost key itself)"
        button="Veto recovery"
        act={async (s, application) => {
          const { receipt } = await veto(api, s, { applications: [application] }, OPTIONS);
          return { receipt, message: <>Recovery application #{application} vetoed: nothing moves, your key keeps its place</> };
        }}
      />
      <DischargeForm signer={signer} />
    </div>
  );
}
