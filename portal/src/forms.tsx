// The one layout every signed form of the portal shares: a card with its heading, the fields, the
// form's own checks (each message naming the chain error it anticipates), the submit button, and
// the result — the block that includes the transaction, or the chain's own decoded error.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useChain } from './chain';
import { BlockLink, ErrorBox } from './components';
import { ExtensionRefused, failureOf, type Signer } from './signers';

export interface Receipt {
  blockNumber: number;
  blockHash: string;
}

export type Done = { receipt: Receipt; message: ReactNode };
/** What a form signs, once its checks pass: the library call, and what to tell the user. */
export type Action = (signer: Signer) => Promise<Done>;

/** How every console transaction is followed: to the block that includes it. */
export const OPTIONS = { waitFor: 'inBlock' as const, timeoutMs: 60_000 };

type Outcome = { state: 'idle' } | { state: 'busy' } | { state: 'done'; receipt: Receipt; message: ReactNode } | { state: 'failed'; error: unknown };

export function Result({ outcome }: { outcome: Outcome }) {
  return (
    <div aria-live="polite" className="result">
      {outcome.state === 'busy' && <p role="status">Signing and waiting for a block…</p>}
      {outcome.state === 'done' && (
        <p role="status" className="success">
          {outcome.message} — included in <BlockLink number={outcome.receipt.blockNumber} hash={outcome.receipt.blockHash} />
        </p>
      )}
      {outcome.state === 'failed' && <ErrorBox error={outcome.error} title={outcome.error instanceof ExtensionRefused ? 'Not signed' : 'Refused'} />}
    </div>
  );
}

/** Runs a signed action and keeps its outcome. */
export function useAction(signer: Signer | null) {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const run = async (action: Action) => {
    if (!signer) {
      setOutcome({ state: 'failed', error: 'choose who signs first' });
      return;
    }
    setOutcome({ state: 'busy' });
    try {
      const { receipt, message } = await action(signer);
      setOutcome({ state: 'done', receipt, message });
    } catch (error) {
      setOutcome({ state: 'failed', error: failureOf(error) });
    }
  };
  return { outcome, run, fail: (error: unknown) => setOutcome({ state: 'failed', error }) };
}

/**
 * A signed form. `prepare` checks the fields, pushing one message per broken rule into `errors`,
 * and returns the action to sign; with any message the form shows them and signs nothing.
 */
export function ActionForm({
  id,
  title,
  button,
  signer,
  prepare,
  children,
  grid = true,
  intro,
}: {
  id: string;
  title: string;
  button: string;
  signer: Signer | null;
  prepare: (errors: string[]) => Action | undefined | Promise<Action | undefined>;
  children: ReactNode;
  grid?: boolean;
  intro?: ReactNode;
}) {
  const { outcome, run, fail } = useAction(signer);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: string[] = [];
    let action: Action | undefined;
    try {
      action = await prepare(errors);
    } catch (error) {
      errors.push((error as Error).message);
    }
    if (errors.length || !action) return fail(`check the form: ${errors.join('; ')}`);
    await run(action);
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      {intro && <p className="hint">{intro}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {grid ? <div className="grid">{children}</div> : children}
        <button type="submit" disabled={outcome.state === 'busy'}>
          {button}
        </button>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

type Change = { target: { value: string } };

/** A form's text values by name, and `bind(name)` for a field's value and onChange. */
export function useFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const bind = (key: keyof T & string) => ({ value: values[key], onChange: (e: Change) => setValues((v) => ({ ...v, [key]: e.target.value })) });
  return { values, bind, setValues };
}

/** A labelled text input (or textarea with `rows`). */
export function Field({
  label,
  name,
  value,
  onChange,
  wide,
  rows,
  numeric,
  type = 'text',
  placeholder,
  code,
}: {
  label: ReactNode;
  name?: string;
  value: string;
  onChange: (e: Change) => void;
  wide?: boolean;
  rows?: number;
  numeric?: boolean;
  type?: string;
  placeholder?: string;
  /** Hashes, accounts: no spell checking. */
  code?: boolean;
}) {
  return (
    <label className={wide ? 'wide' : undefined}>
      {label}
      {rows ? (
        <textarea value={value} onChange={onChange} name={name} rows={rows} spellCheck={false} />
      ) : (
        <input type={type} value={value} onChange={onChange} name={name} inputMode={numeric ? 'numeric' : undefined} placeholder={placeholder} spellCheck={code ? false : undefined} />
      )}
    </label>
  );
}

/** A labelled select; `options` maps each value to its label (or lists values shown as they are). */
export function Choice({
  label,
  name,
  value,
  onChange,
  options,
  wide,
}: {
  label: ReactNode;
  name?: string;
  value: string;
  onChange: (e: Change) => void;
  options: Record<string, string> | string[];
  wide?: boolean;
}) {
  const entries = Array.isArray(options) ? options.map((o) => [o, o]) : Object.entries(options);
  return (
    <label className={wide ? 'wide' : undefined}>
      {label}
      <select value={value} onChange={onChange} name={name}>
        {entries.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The chain's token, for amount labels and parsing. */
export const useToken = () => useChain().token;
