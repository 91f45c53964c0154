// The council: its members, the open motions with their calls decoded from the metadata (the
// call's pallet and method, its documentation, each argument by name), the ayes and nays against
// the threshold, and — for the signing member — vote and close buttons. A member also proposes the
// registry's usual motions. Every call is scripts/src/council.mjs's.
import { useEffect, useState, type ReactNode } from 'react';
import { motions as readMotions, members as readMembers, vote, close, propose, motionCalls, thresholdFor, MOTION_THRESHOLDS, describeProposal } from '@landchain/scripts/council.mjs';
import { decideObjectionCall } from '@landchain/scripts/applications.mjs';
import { useChain } from '../chain';
import { Account, ErrorBox, Loading, words } from '../components';
import { ActionForm, Choice, Field, OPTIONS, Result, useAction, useFields, type Action } from '../forms';
import { SignerPicker, useSigner } from '../signer';
import { checkAccount, checkId } from '../validate';

interface Motion {
  hash: string;
  index: number;
  threshold: number;
  ayes: string[];
  nays: string[];
  end: number;
  call: any;
}

const isAddress = (value: unknown) => typeof value === 'string' && /^[1-9A-HJ-NP-Za-km-z]{46,48}$/.test(value);

/** One argument of a call, for people: accounts by name, nested values as readable text. */
function ArgValue({ value }: { value: unknown }) {
  if (isAddress(value)) return <Account address={value as string} />;
  if (typeof value === 'boolean') return <>{value ? 'yes' : 'no'}</>;
  if (typeof value === 'string') return <code>{value}</code>;
  return <code>{JSON.stringify(value)}</code>;
}

/** A proposal decoded from the metadata: `pallet.method`, its first doc line, its arguments by name. */
export function DecodedCall({ call }: { call: any }) {
  if (!call) return <span>(the proposal's call is not stored)</span>;
  const doc = (call.meta?.docs ?? []).map(String).join(' ').split(/(?<=\.)\s/)[0];
  return (
    <div className="decoded-call" data-testid="decoded-call">
      <div>
        <strong>
          {words(call.section)} → {words(call.method)}
        </strong>{' '}
        <code title={describeProposal(call)}>
          {call.section}.{call.method}
        </code>
      </div>
      {doc && <div className="call-doc">{doc}</div>}
      <dl className="facts">
        {call.args.map((arg: any, i: number) => (
          <div key={i} className="arg">
            <dt>{words(String(call.meta.args[i]?.name ?? i))}</dt>
            <dd>
              <ArgValue value={arg.toHuman()} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** One open motion; its vote and close buttons report in the page's shared result (a closed motion leaves the list). */
function MotionRow({ motion, isMember, action }: { motion: Motion; isMember: boolean; action: ReturnType<typeof useAction> }) {
  const { api } = useChain();
  const { signer } = useSigner();
  const { outcome, run } = action;
  const act = (what: 'aye' | 'nay' | 'close') =>
    run(async (s) => {
      if (what === 'close') {
        const result = await close(api, s, { motion: motion.hash }, OPTIONS);
        return {
          receipt: result.receipt,
          message: <>Motion #{motion.index} closed: {result.executed ? 'approved and executed' : result.disapproved ? 'disapproved' : 'closed'}{result.depositReturned ? '; the deposit is returned' : ''}</>,
        };
      }
      const { receipt } = await vote(api, s, { motion: motion.hash, aye: what === 'aye' }, OPTIONS);
      return { receipt, message: <>Voted {what} on motion #{motion.index}</> };
    });
  const voted = signer && (motion.ayes.includes(signer.address) || motion.nays.includes(signer.address));
  return (
    <li className="card motion" data-testid={`motion-${motion.index}`}>
      <h3>Motion #{motion.index}</h3>
      <DecodedCall call={motion.call} />
      <p>
        <strong>
          {motion.ayes.length} of {motion.threshold} ayes needed
        </strong>
        , {motion.nays.length} nay{motion.nays.length === 1 ? '' : 's'} · voting ends at block #{motion.end}
      </p>
      <dl className="facts">
        <dt>Ayes</dt>
        <dd>{motion.ayes.length ? motion.ayes.map((a) => <div key={a}><Account address={a} /></div>) : 'none'}</dd>
        <dt>Nays</dt>
        <dd>{motion.nays.length ? motion.nays.map((a) => <div key={a}><Account address={a} /></div>) : 'none'}</dd>
      </dl>
      <div className="buttons">
        {isMember && !voted && (
          <>
            <button type="button" onClick={() => void act('aye')} disabled={outcome.state === 'busy'}>
              Vote aye on motion #{motion.index}
            </button>
            <button type="button" className="secondary" onClick={() => void act('nay')} disabled={outcome.state === 'busy'}>
              Vote nay on motion #{motion.index}
            </button>
          </>
        )}
        {signer && (
          <button type="button" className="secondary" onClick={() => void act('close')} disabled={outcome.state === 'busy'}>
            Close motion #{motion.index}
          </button>
        )}
      </div>
    </li>
  );
}

const KINDS = {
  addRegistrar: 'Admit a registrar (registrars.addMember)',
  removeRegistrar: 'Remove a registrar (registrars.removeMember)',
  decideObjection: 'Decide an objection (landRegistry.decideObjection)',
};

function ProposeForm({ members }: { members: string[] }) {
  const { api } = useChain();
  const { signer } = useSigner();
  const { values: form, bind } = useFields({ kind: 'addRegistrar', account: '', application: '', decision: 'dismiss' });
  const prepare = async (errors: string[]): Promise<Action> => {
    if (signer && !members.includes(signer.address)) errors.push('only a council member proposes motions (council.NotMember)');
    let build: () => Promise<any>;
    if (form.kind === 'decideObjection') {
      const application = checkId(errors, form.application, 'the application');
      build = async () => decideObjectionCall(api, { application, enact: form.decision === 'enact' });
    } else {
      const account = await checkAccount(api, errors, form.account, 'the account');
      build = () => (motionCalls as any)[form.kind](api, account);
    }
    return async (s) => {
      const call = await build();
      const threshold = await thresholdFor(api, (MOTION_THRESHOLDS as any)[form.kind]);
      const result = await propose(api, s, { call, threshold }, OPTIONS);
      return {
        receipt: result.voteReceipt ?? result.receipt,
        message: result.executed ? <>Executed at once (threshold 1)</> : <>Motion #{String(result.index)} proposed (threshold {threshold}) and your aye recorded</>,
      };
    };
  };
  return (
    <ActionForm id="motion" title="Propose a motion (council member)" button="Propose motion" signer={signer} prepare={prepare} intro="The threshold is the chain's rule for the call (a simple majority); the proposer votes aye at once.">
      <Choice wide label="Motion" name="motionKind" options={KINDS} {...bind('kind')} />
      {form.kind === 'decideObjection' ? (
        <>
          <Field label="Application number" name="motionApplication" numeric {...bind('application')} />
          <Choice label="Decision" name="motionDecision" options={{ dismiss: 'Dismiss the objection (the application closes)', enact: 'Enact the application' }} {...bind('decision')} />
        </>
      ) : (
        <Field wide label="Account (address or dev name)" name="motionAccount" code {...bind('account')} />
      )}
    </ActionForm>
  );
}

export function CouncilPage() {
  const { api, best } = useChain();
  const [state, setState] = useState<{ members: string[]; motions: Motion[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { signer } = useSigner();
  const action = useAction(signer);
  useEffect(() => {
    let live = true;
    Promise.all([readMembers(api), readMotions(api)]).then(
      ([members, motions]) => live && (setState({ members, motions }), setError(null)),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, best]);
  let body: ReactNode;
  if (error) body = <ErrorBox error={error} title="Cannot read the council" />;
  else if (!state) body = <Loading what="the council" />;
  else
    body = (
      <>
        <section aria-labelledby="members-heading" className="card">
          <h2 id="members-heading">Members</h2>
          <ul data-testid="council-members">
            {state.members.map((m) => (
              <li key={m}>
                <Account address={m} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="motions-heading">
          <h2 id="motions-heading">Open motions</h2>
          {state.motions.length === 0 ? (
            <p>No open motion.</p>
          ) : (
            <ul className="motions">
              {state.motions.map((m) => (
                <MotionRow key={m.hash} motion={m} action={action} isMember={Boolean(signer && state.members.includes(signer.address))} />
              ))}
            </ul>
          )}
          <div data-testid="motion-result">
            <Result outcome={action.outcome} />
          </div>
        </section>
        <ProposeForm members={state.members} />
      </>
    );
  return (
    <>
      <h1>Council</h1>
      <p className="lead">The council decides by motion: admitting and removing registrars, the transfer duty, runtime upgrades, objections to applications. Motions are read from the chain at every block.</p>
      <SignerPicker />
      {body}
    </>
  );
}
