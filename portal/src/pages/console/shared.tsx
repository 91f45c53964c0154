// What the console's form files share: the signer prop, parcel links, and the form that names
// one record (an offer, an application) by its number and signs one call on it.
import { ActionForm, Choice, Field, useFields, type Action, type Done } from '../../forms';
import { href } from '../../router';
import type { Signer } from '../../signers';
import { checkId } from '../../validate';

export interface FormProps {
  signer: Signer | null;
}

/** `parcel 7` linked to its public page. */
export const ParcelLink = ({ id }: { id: number | string }) => <a href={href.parcel(id)}>parcel {String(id)}</a>;

export function ParcelLinks({ ids }: { ids: Array<number | string> }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={String(id)}>
          {i > 0 && ', '}
          <ParcelLink id={id} />
        </span>
      ))}
    </>
  );
}

/**
 * A form that names one record by its number (an offer, an application) and signs one call on
 * it, with an optional choice (e.g. a rejection's reason).
 */
export function IdForm({
  signer,
  name,
  title,
  button,
  what = 'offer',
  choices,
  act,
}: FormProps & {
  name: string;
  title: string;
  button: string;
  what?: 'offer' | 'application';
  choices?: { label: string; options: string[] };
  act: (s: Signer, id: number, choice: string) => Promise<Done>;
}) {
  const { values: form, bind } = useFields({ id: '', choice: choices?.options[0] ?? '' });
  const prepare = (errors: string[]): Action => {
    const id = checkId(errors, form.id, `the ${what} (shown when it was made, and on the parcel page)`);
    return (s) => act(s, id, form.choice);
  };
  return (
    <ActionForm id={name} title={title} button={button} signer={signer} prepare={prepare} grid={false}>
      <Field label={`${what[0].toUpperCase()}${what.slice(1)} number`} name={`${name}${what === 'offer' ? 'Offer' : 'Application'}`} numeric {...bind('id')} />
      {choices && choices.options.length > 0 && <Choice label={choices.label} options={choices.options} {...bind('choice')} />}
    </ActionForm>
  );
}

