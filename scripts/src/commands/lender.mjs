// `landchain lender …`: lenders, lien holders and tenants give up their own rights.

import * as applications from '../applications.mjs';
import { parseId } from '../units.mjs';
import { transaction } from './context.mjs';

export function addLender(program, io) {
  const lender = program.command('lender').description('lenders, lien holders and tenants: give up your own mortgage, lien or lease');
  lender
    .command('discharge')
    .description('discharge your mortgage or lien (or surrender your lease) on a parcel, at once')
    .argument('<parcel>', 'parcel id')
    .argument('<encumbrance>', 'encumbrance id')
    .action(
      transaction(
        io,
        (ctx, parcel, id) => ctx.submit(applications.discharge, { parcel: parseId(parcel, 'parcel'), encumbrance: parseId(id, 'encumbrance') }),
        (ctx, result, parcel, id) => `discharged encumbrance ${id} on parcel ${parcel}`,
      ),
    );
}
