// `landchain info`: the chain, its runtime, token and heads.

import { chainInfo } from '../chain.mjs';
import { keyValues } from '../format.mjs';
import { report } from './context.mjs';

export function addInfo(program, io) {
  program
    .command('info')
    .description('chain name, runtime version, token, best and finalized blocks')
    .action(report(io, (ctx, api) => chainInfo(api), (ctx, info) => keyValues(info)));
}
