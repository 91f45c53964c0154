// `landchain council …`: the registry council's motions (registrars, duty, the verified-parties
// policy, runtime upgrades, objections) and applying an authorized runtime upgrade.

import { Argument, Option } from 'commander';
import * as applications from '../applications.mjs';
import * as council from '../council.mjs';
import { parseHash } from '../documents.mjs';
import { UsageError } from '../errors.mjs';
import { table } from '../format.mjs';
import { formatPermill, parseAmount, parseId, parsePermill, tokenOf } from '../units.mjs';
import { action, report, transaction } from './context.mjs';

export function addCouncil(program, io) {
  const group = program.command('council').description('the registry council: motions (registrars, duty, runtime upgrades) and applying upgrades');

  group
    .command('members')
    .description('the council members')
    .action(
      report(
        io,
        (ctx, api) => council.members(api),
        (ctx, list) => table(list.map((account) => ({ account, name: ctx.label(account) })), [['account', 'member'], ['name', 'name']]),
      ),
    );

  group
    .command('motions')
    .description('the open motions with their votes')
    .action(
      report(
        io,
        (ctx, api) => council.motions(api),
        (ctx, list) =>
          list.length
            ? table(
                list.map((motion) => ({
                  index: motion.index,
                  hash: motion.hash,
                  call: council.describeProposal(motion.call),
                  votes: `${motion.ayes.length} aye / ${motion.nays.length} nay of ${motion.threshold} needed`,
                  ayes: motion.ayes.map(ctx.label).join(', '),
                  end: motion.end,
                })),
                [['index', '#'], ['hash', 'motion'], ['call', 'call'], ['votes', 'votes'], ['ayes', 'ayes'], ['end', 'ends at block']],
              )
            : 'no open motions',
        (list) => list.map(({ call, ...motion }) => ({ ...motion, call: council.describeProposal(call) })),
      ),
    );

  const propose = group.command('propose').description('propose a motion (and vote aye on it)');
  /**
   * A motion: `build(api, ...args)` the call it carries, `kind` its rule (`council.MOTION_THRESHOLDS`),
   * `describe(...args, result)` what it does, for the summary.
   */
  const proposeAction = (build, kind, describe) =>
    transaction(
      io,
      async (ctx, ...args) => {
        const options = args[args.length - 1];
        const api = await ctx.connect();
        const call = await build(api, ...args);
        const threshold = options.threshold ?? (await council.thresholdFor(api, council.MOTION_THRESHOLDS[kind]));
        return ctx.submit(council.propose, { call, threshold, aye: options.aye });
      },
      (ctx, result, ...args) => {
        const what = describe(...args, result);
        return result.executed
          ? `motion to ${what} executed at once (threshold ${result.threshold})`
          : `motion #${result.index} ${result.hash} to ${what}: ${result.threshold} ayes needed${result.voteReceipt ? ', your aye is recorded' : ''}`;
      },
    );
  const thresholdOption = () => new Option('--threshold <n>', 'ayes needed (default: the call\'s rule — majority, or two thirds for upgrades)').argParser((v) => parseId(v, 'threshold'));

  propose
    .command('add-registrar')
    .description('admit a registrar (simple majority)')
    .argument('<account>', 'the new registrar')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(proposeAction((api, account) => council.motionCalls.addRegistrar(api, account), 'addRegistrar', (account) => `admit registrar ${account}`));

  propose
    .command('remove-registrar')
    .description('remove a registrar (simple majority)')
    .argument('<account>', 'the registrar')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(proposeAction((api, account) => council.motionCalls.removeRegistrar(api, account), 'removeRegistrar', (account) => `remove registrar ${account}`));

  propose
    .command('set-duty')
    .description('set the transfer duty rate and the treasury (simple majority)')
    .requiredOption('--rate <rate>', 'e.g. 2% or 20000ppm')
    .requiredOption('--treasury <account>', 'the account receiving duty')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, options) => council.motionCalls.setTransferDuty(api, parsePermill(options.rate), options.treasury),
        'setTransferDuty',
        (options) => `set the transfer duty to ${formatPermill(parsePermill(options.rate))} paid to ${options.treasury}`,
      ),
    );

  propose
    .command('spend')
    .description('pay from the treasury, where the transfer duty goes (simple majority up to 100,000 LAND; two thirds above: --threshold)')
    .argument('<amount>', 'e.g. 2500 or 2500 LAND')
    .argument('<beneficiary>', 'who is paid')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, amount, beneficiary) => {
          const { decimals, symbol } = tokenOf(api);
          return council.motionCalls.spendTreasury(api, parseAmount(amount, decimals, symbol), beneficiary);
        },
        'spendTreasury',
        (amount, beneficiary) => `pay ${amount} from the treasury to ${beneficiary}`,
      ),
    );

  propose
    .command('party-policy')
    .description('turn the verified-parties policy on (titles and charges only to parties with a current attestation) or off (simple majority)')
    .addArgument(new Argument('<state>', 'on | off').choices(['on', 'off']))
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, state) => council.motionCalls.setPartyPolicy(api, state === 'on'),
        'setPartyPolicy',
        (state) => `turn the verified-parties policy ${state}`,
      ),
    );

  propose
    .command('authorize-upgrade')
    .description('authorize a runtime upgrade by the blake2-256 hash of its wasm (two thirds)')
    .argument('[wasm]', 'the runtime wasm file (.compact.compressed.wasm); its hash is computed')
    .option('--code-hash <0x…>', 'or: the code hash itself')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, wasm, options) => {
          if (!wasm && !options.codeHash) throw new UsageError('give the runtime wasm file or --code-hash');
          const hash = options.codeHash ? parseHash(options.codeHash, 'the code hash') : council.codeHash(council.readCode(wasm));
          return council.motionCalls.authorizeUpgrade(api, hash);
        },
        'authorizeUpgrade',
        (wasm, options) => `authorize the runtime ${options.codeHash ?? `${wasm} (${council.codeHash(council.readCode(wasm))})`}`,
      ),
    );

  propose
    .command('decide-objection')
    .description('decide an application an affected party objected to: --enact or --dismiss (simple majority)')
    .argument('<application>', 'application id')
    .option('--enact', 'the application goes ahead')
    .option('--dismiss', 'the application is dismissed')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, application, options) => {
          if (Boolean(options.enact) === Boolean(options.dismiss)) throw new UsageError('give exactly one of --enact or --dismiss');
          return applications.decideObjectionCall(api, { application: parseId(application, 'application'), enact: Boolean(options.enact) });
        },
        'decideObjection',
        (application, options) => `${options.enact ? 'enact' : 'dismiss'} application ${application}`,
      ),
    );

  group
    .command('vote')
    .description('vote on an open motion (by index or hash)')
    .argument('<motion>', 'motion index or hash')
    .option('--nay', 'vote nay (default aye)')
    .action(
      transaction(
        io,
        (ctx, motion, options) => ctx.submit(council.vote, { motion, aye: !options.nay }),
        (ctx, result, motion, options) => `voted ${options.nay ? 'nay' : 'aye'} on motion #${result.motion.index} ${result.motion.hash}`,
      ),
    );

  group
    .command('payout')
    .description('pay out a treasury spend a motion approved (anyone), by its index')
    .argument('<index>', 'the spend index (treasury.AssetSpendApproved)')
    .action(
      transaction(
        io,
        (ctx, index) => ctx.submit(council.payout, { index: parseId(index, 'spend index') }),
        (ctx, result) => `paid treasury spend #${result.index}`,
      ),
    );

  group
    .command('close')
    .description('close a motion (anyone): executes it with enough ayes; before its end without them the chain refuses')
    .argument('<motion>', 'motion index or hash')
    .action(
      transaction(
        io,
        (ctx, motion) => ctx.submit(council.close, { motion }),
        (ctx, result) => {
          const outcome = result.executed ? 'approved and executed' : result.disapproved ? 'disapproved' : 'closed';
          const deposit = result.depositReturned ? "; the proposer's deposit is returned" : '';
          return `motion #${result.motion.index} ${outcome}: ${council.describeProposal(result.motion.call)}${deposit}`;
        },
      ),
    );

  group
    .command('code-hash')
    .description('print the blake2-256 hash of a runtime wasm (what authorize-upgrade proposes); needs no node')
    .argument('<wasm>', 'the runtime wasm file')
    .action(
      action(io, async (ctx, wasm) => {
        const code = council.readCode(wasm);
        const hash = council.codeHash(code);
        ctx.output({ file: wasm, bytes: code.length, codeHash: hash }, () => `${hash}  ${wasm} (${code.length} bytes)`);
      }),
    );

  group
    .command('apply-upgrade')
    .description('submit the authorized runtime code (system.applyAuthorizedUpgrade); anyone may')
    .argument('<wasm>', 'the runtime wasm file')
    .option('--unsigned', 'submit without a signature (the pool accepts it only if authorized)')
    .option('--force', 'submit even if the code does not match the authorized hash (the chain will refuse it)')
    .action(
      action(io, async (ctx, wasm, options) => {
        const api = await ctx.connect();
        const code = council.readCode(wasm);
        const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
        if (!options.force) await council.ensureUpgradeAuthorized(api, code);
        const signer = options.unsigned ? null : await ctx.signer();
        const result = await council.applyAuthorizedUpgrade(api, signer, { code }, { ...(await ctx.submitOptions()), timeoutMs: Math.max(ctx.options.timeout, 300) * 1000 });
        const version = await council.waitForSpecVersion(api, before, { timeoutMs: 60_000 });
        ctx.done(`runtime upgraded: spec_version ${before} → ${version.specVersion.toNumber()} (code ${result.codeHash})`, result);
      }),
    );
}
