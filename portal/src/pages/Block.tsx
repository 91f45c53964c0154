// A block: where a transaction landed. Its extrinsics and events (decoded with the metadata of the
// runtime that executed the block, through the CLI's block-events.cjs).
import { useEffect, useState } from 'react';
import blockEvents from '@landchain/scripts/block-events.cjs';
import { useChain } from '../chain';
import { Account, ErrorBox, Hash, Loading } from '../components';
import { href } from '../router';
import { blockInfo, utc } from '../time';

interface Info {
  number: number;
  hash: string;
  parent: string;
  time: number | null;
  extrinsics: Array<{ index: number; call: string; signer: string | null }>;
  events: Array<{ index: number | null; name: string; data: string }>;
}

export function BlockPage({ at }: { at: string }) {
  const { api, finalized } = useChain();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const hash = /^\d+$/.test(at) ? (await api.rpc.chain.getBlockHash(Number(at))).toHex() : at;
      const signed = await api.rpc.chain.getBlock(hash);
      const number = signed.block.header.number.toNumber();
      const { time } = await blockInfo(api, number);
      const { records } = await blockEvents.blockEvents(api, hash);
      return {
        number,
        hash,
        parent: signed.block.header.parentHash.toHex(),
        time,
        extrinsics: signed.block.extrinsics.map((ex, index) => ({
          index,
          call: `${ex.method.section}.${ex.method.method}`,
          signer: ex.isSigned ? ex.signer.toString() : null,
        })),
        events: records.map((record: any) => ({
          index: record.phase.isApplyExtrinsic ? record.phase.asApplyExtrinsic.toNumber() : null,
          name: `${record.event.section}.${record.event.method}`,
          data: JSON.stringify(record.event.data.toHuman()),
        })),
      };
    })().then(
      (value) => live && setInfo(value),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, at]);
  if (error) return <ErrorBox error={error} title={`Cannot read block ${at}`} />;
  if (!info) return <Loading what={`block ${at}`} />;
  return (
    <article>
      <h1>Block #{info.number}</h1>
      <dl className="facts">
        <dt>Hash</dt>
        <dd>
          <Hash value={info.hash} />
        </dd>
        <dt>Parent</dt>
        <dd>
          <a href={href.block(info.parent)}>
            <Hash value={info.parent} />
          </a>
        </dd>
        <dt>Time</dt>
        <dd>{utc(info.time)}</dd>
        <dt>Finality</dt>
        <dd>{info.number <= finalized ? 'finalized' : 'not yet final'}</dd>
      </dl>
      <h2>Extrinsics</h2>
      <ol start={0} className="extrinsics">
        {info.extrinsics.map((ex) => (
          <li key={ex.index}>
            <code>{ex.call}</code> {ex.signer && <>signed by <Account address={ex.signer} /></>}
            <ul>
              {info.events
                .filter((ev) => ev.index === ex.index)
                .map((ev, i) => (
                  <li key={i}>
                    <code>{ev.name}</code> <span className="event-data">{ev.data}</span>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </article>
  );
}
