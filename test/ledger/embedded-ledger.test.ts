import './quiet-fabric-logging.js';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fabricContractApi from 'fabric-contract-api';
import type { Context } from 'fabric-contract-api';
import { canonicalJson } from '../../chaincode/src/canonical-json.js';
import { blockHash, type Block } from '../../core/src/ledger/embedded/block.js';
import {
  DepartmentKeyError, LedgerIntegrityError, openEmbeddedLedger, ProposalSignatureError, type EmbeddedLedger,
} from '../../core/src/ledger/embedded/index.js';
import type { LedgerEvent } from '../../core/src/ledger/ledger.js';
import { TransactionRefusedError } from '../../core/src/ledger/ledger-errors.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';

const { Contract, Transaction } = fabricContractApi;

/** A contract that writes and then fails, to show that a failed transaction leaves nothing behind. */
class ScratchContract extends Contract {
  constructor() { super('ScratchContract'); }

  @Transaction()
  async writeThenFail(ctx: Context, key: string): Promise<string> {
    await ctx.stub.putState(key, new TextEncoder().encode('"partial"'));
    ctx.stub.setEvent('Written', new TextEncoder().encode('{}'));
    throw new Error('BROKEN: failed after writing');
  }

  @Transaction()
  async write(ctx: Context, key: string): Promise<string> {
    await ctx.stub.putState(key, new TextEncoder().encode('"value"'));
    return '"ok"';
  }

  @Transaction(false)
  async read(ctx: Context, key: string): Promise<string> {
    const bytes = await ctx.stub.getState(key);
    return JSON.stringify(new TextDecoder().decode(bytes));
  }
}

const HASH = 'c'.repeat(64);
const alert = (id: string) => ({ alertId: id, alertHash: HASH, typology: 'fan_out', ruleVersion: '1', departments: ['PBOC' as const] });

describe('EmbeddedLedger', () => {
  let directory: string;
  let ledger: EmbeddedLedger | undefined;
  const blocksFile = (): string => join(directory, 'blocks.ndjson');
  const reopen = async (): Promise<EmbeddedLedger> => {
    await ledger?.close();
    ledger = await openEmbeddedLedger({ directory });
    return ledger;
  };
  /** Opens a ledger holding a genesis block and `alerts` recorded alerts (blocks 1..n). */
  const withAlerts = async (alerts: number): Promise<EmbeddedLedger> => {
    const opened = await reopen();
    for (let i = 1; i <= alerts; i++) await new SupervisionLedger(opened).recordAlert('PBOC', alert(`a${String(i)}`));
    return opened;
  };
  const rewriteLines = async (edit: (lines: string[]) => string[]): Promise<void> => {
    await ledger?.close();
    ledger = undefined;
    const lines = (await readFile(blocksFile(), 'utf8')).split('\n').slice(0, -1);
    await writeFile(blocksFile(), `${edit(lines).join('\n')}\n`);
  };

  beforeEach(async () => { directory = await mkdtemp(join(tmpdir(), 'suptech-embedded-ledger-')); });
  afterEach(async () => {
    await ledger?.close();
    ledger = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  describe('signatures', () => {
    it('registers each department public key in the genesis block and signs every proposal', async () => {
      const l = await withAlerts(1);
      const [genesis, first] = l.blocks();
      assert.ok(genesis?.kind === 'genesis' && first?.kind === 'transaction');
      assert.deepEqual(Object.keys(genesis.network).sort(), ['CAC', 'NFRA', 'PBOC', 'SAFE', 'SAMR']);
      assert.equal(genesis.network.NFRA?.mspId, 'NFRAMSP');
      assert.equal(first.transaction.proposal.mspId, 'PBOCMSP');
      assert.equal(Buffer.from(first.transaction.signature, 'base64').length, 64);
    });

    it('refuses a proposal whose content was changed after signing, before executing it', async () => {
      const l = await reopen();
      const signed = l.createSignedProposal('PBOC', 'recordAlert', [JSON.stringify(alert('a1'))]);
      const forged = { ...signed, proposal: { ...signed.proposal, department: 'NFRA', mspId: 'NFRAMSP' } };
      await assert.rejects(l.submitSignedProposal(forged), ProposalSignatureError);
      const altered = { ...signed, proposal: { ...signed.proposal, args: [JSON.stringify(alert('a2'))] } };
      await assert.rejects(l.submitSignedProposal(altered), { code: 'BAD_SIGNATURE' });
      assert.equal(await l.height(), 1);
      assert.equal(await new SupervisionLedger(l).getCase('PBOC', 'a2'), undefined);
    });

    it('refuses a proposal signed by an organisation the genesis block does not know', async () => {
      const l = await reopen();
      const signed = l.createSignedProposal('PBOC', 'getCase', ['x']);
      await assert.rejects(l.submitSignedProposal({ ...signed, proposal: { ...signed.proposal, department: 'FED', mspId: 'FEDMSP' } }), ProposalSignatureError);
    });

    it('fails to open when a department key on disk is not the registered one', async () => {
      await withAlerts(0);
      await ledger?.close();
      ledger = undefined;
      const { privateKey } = generateKeyPairSync('ed25519');
      await writeFile(join(directory, 'keys', 'SAMR', 'signing-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
      await assert.rejects(openEmbeddedLedger({ directory }), DepartmentKeyError);
    });
  });

  describe('block log', () => {
    it('chains each block to the hash of the one before it', async () => {
      const blocks = (await withAlerts(3)).blocks();
      assert.deepEqual(blocks.map((b) => b.number), [0, 1, 2, 3]);
      blocks.forEach((block, i) => {
        assert.equal(block.hash, blockHash(block));
        assert.equal(block.previousHash, i === 0 ? '' : blocks[i - 1]?.hash);
      });
      const onDisk = (await readFile(blocksFile(), 'utf8')).split('\n').slice(0, -1);
      assert.deepEqual(onDisk, blocks.map((b) => canonicalJson(b)));
    });

    it('detects a block edited on disk when reopening, naming the block', async () => {
      await withAlerts(3);
      await rewriteLines((lines) => lines.map((line, i) => (i === 2 ? line.replace('"committedAt":"2', '"committedAt":"3') : line)));
      const error = await openEmbeddedLedger({ directory }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof LedgerIntegrityError, String(error));
      assert.equal(error.blockNumber, 2);
      assert.equal(error.fault, 'hash');
      assert.match(error.message, /^block 2: /);
    });

    it('detects a flipped byte anywhere in a block', async () => {
      await withAlerts(2);
      await ledger?.close();
      ledger = undefined;
      const bytes = await readFile(blocksFile());
      const secondLineStart = bytes.indexOf(0x0a) + 1;
      const offset = secondLineStart + 40;
      bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
      await writeFile(blocksFile(), bytes);
      await assert.rejects(openEmbeddedLedger({ directory }), (e: unknown) => e instanceof LedgerIntegrityError && e.blockNumber === 1);
    });

    it('detects a rewritten transaction whose hash was recomputed but whose signature no longer holds', async () => {
      await withAlerts(2);
      await rewriteLines((lines) => {
        const block = JSON.parse(lines[2] ?? '') as Block;
        assert.ok(block.kind === 'transaction');
        block.transaction.proposal.args = [JSON.stringify(alert('rewritten'))];
        block.hash = blockHash(block);
        return [...lines.slice(0, 2), canonicalJson(block)];
      });
      await assert.rejects(openEmbeddedLedger({ directory }), (e: unknown) => e instanceof LedgerIntegrityError && e.blockNumber === 2 && e.fault === 'signature');
    });

    it('detects a block removed from the middle of the chain', async () => {
      await withAlerts(3);
      await rewriteLines((lines) => lines.filter((_, i) => i !== 2));
      await assert.rejects(openEmbeddedLedger({ directory }), (e: unknown) => e instanceof LedgerIntegrityError && e.blockNumber === 2 && e.fault === 'chain');
    });

    it('drops a final block torn by a crash before it was acknowledged', async () => {
      await withAlerts(2);
      await ledger?.close();
      ledger = undefined;
      await appendFile(blocksFile(), '{"number":3,"kind":"transac');
      const l = await reopen();
      assert.equal(await l.height(), 3);
      await new SupervisionLedger(l).recordAlert('PBOC', alert('after-crash'));
      assert.equal((await reopen()).blocks().at(-1)?.number, 3);
    });
  });

  describe('persistence', () => {
    it('keeps the world state, the history and the height across a reopen', async () => {
      const s = new SupervisionLedger(await withAlerts(1));
      await s.openCase('PBOC', { caseId: 'c1', alertId: 'a1', departments: ['PBOC', 'NFRA'] });
      await s.submitOpinion('NFRA', 'c1', 'confirm', HASH);
      const before = await s.getCase('PBOC', 'c1');
      const again = new SupervisionLedger(await reopen());
      assert.equal(await again.backend.height(), 4);
      assert.deepEqual(await again.getCase('SAFE', 'c1'), before);
      assert.equal((await again.getCaseHistory('SAFE', 'c1')).length, 2);
      const committed = await again.submitOpinion('PBOC', 'c1', 'confirm', HASH);
      assert.equal(committed.blockNumber, 4);
      assert.equal(committed.result.status, 'confirmed');
    });
  });

  describe('transactions', () => {
    it('discards every write and the event of a failed transaction', async () => {
      ledger = await openEmbeddedLedger({ directory, contracts: [ScratchContract] });
      const events: LedgerEvent[] = [];
      ledger.subscribe((e) => { events.push(e); });
      await assert.rejects(ledger.submit('PBOC', 'writeThenFail', ['k']), (e: unknown) => e instanceof TransactionRefusedError && e.code === 'BROKEN');
      assert.equal(await ledger.height(), 1);
      assert.equal(await ledger.evaluate('PBOC', 'read', ['k']), '');
      assert.equal((await ledger.submit('PBOC', 'write', ['k'])).result, 'ok');
      assert.equal(await ledger.evaluate('PBOC', 'read', ['k']), '"value"');
      assert.deepEqual(events, []);
    });

    it('leaves no trace of a refused supervision transaction', async () => {
      const l = await withAlerts(1);
      const s = new SupervisionLedger(l);
      await assert.rejects(s.openCase('PBOC', { caseId: 'c', alertId: 'missing', departments: ['PBOC'] }), { code: 'NOT_FOUND' });
      assert.equal(await l.height(), 2);
      assert.equal(await s.getCase('PBOC', 'c'), undefined);
    });

    it('commits concurrent submissions one at a time, in consecutive blocks', async () => {
      const l = await reopen();
      const s = new SupervisionLedger(l);
      const committed = await Promise.all(Array.from({ length: 20 }, (_, i) => s.recordAlert('SAFE', alert(`p${String(i)}`))));
      assert.deepEqual(committed.map((c) => c.blockNumber), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal(new Set(committed.map((c) => c.txId)).size, 20);
    });

    it('finishes the submissions already queued when closed, and refuses later ones', async () => {
      const l = await reopen();
      const s = new SupervisionLedger(l);
      const queued = [s.recordAlert('PBOC', alert('q1')), s.recordAlert('PBOC', alert('q2'))];
      const closing = l.close();
      await assert.rejects(s.recordAlert('PBOC', alert('late')), { code: 'LEDGER_CLOSED' });
      assert.deepEqual((await Promise.all(queued)).map((c) => c.blockNumber), [1, 2]);
      await closing;
      assert.equal((await reopen()).blocks().length, 3);
    });

    it('does not commit an evaluation', async () => {
      const l = await reopen();
      await l.evaluate('PBOC', 'recordAlert', [JSON.stringify(alert('only-evaluated'))]);
      assert.equal(await l.height(), 1);
      assert.equal(await l.evaluate('PBOC', 'getCase', ['only-evaluated']), null);
    });

    it('asserts identity attributes only through a withAttributes view', async () => {
      const l = await withAlerts(1);
      const reviewer = l.withAttributes({ 'suptech.role': 'reviewer', 'suptech.user': 'zhao' });
      await new SupervisionLedger(l).openCase('PBOC', { caseId: 'c', alertId: 'a1', departments: ['PBOC', 'CAC'] });
      const { result } = await new SupervisionLedger(reviewer).submitOpinion('PBOC', 'c', 'dismiss', HASH);
      assert.equal(result.opinions.PBOC?.by, 'zhao');
      const last = l.blocks().at(-1);
      assert.ok(last?.kind === 'transaction');
      assert.deepEqual(last.transaction.proposal.attributes, { 'suptech.role': 'reviewer', 'suptech.user': 'zhao' });
    });
  });

  describe('subscribe', () => {
    it('delivers each live event once, in block order', async () => {
      const l = await reopen();
      const seen: number[] = [];
      l.subscribe(async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 5 - (e.blockNumber % 5)));
        seen.push(e.blockNumber);
      });
      const s = new SupervisionLedger(l);
      await Promise.all(Array.from({ length: 10 }, (_, i) => s.recordAlert('CAC', alert(`e${String(i)}`))));
      await s.recordAlert('CAC', alert('e0'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('replays the events of blocks after afterBlock, then delivers live ones, each exactly once', async () => {
      const l = await withAlerts(4);
      const seen: LedgerEvent[] = [];
      const dispose = l.subscribe((e) => { seen.push(e); }, { afterBlock: 2 });
      await new SupervisionLedger(l).recordAlert('PBOC', alert('a5'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen.map((e) => e.blockNumber), [3, 4, 5]);
      assert.deepEqual(seen.map((e) => e.name), ['AlertRecorded', 'AlertRecorded', 'AlertRecorded']);
      assert.equal((seen[2]?.payload as { alertId?: string }).alertId, 'a5');
      const last = l.blocks().at(-1);
      assert.ok(last?.kind === 'transaction');
      assert.equal(seen[2]?.txId, last.transaction.txId);
      dispose();
      await new SupervisionLedger(l).recordAlert('PBOC', alert('a6'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(seen.length, 3);
    });

    it('replays from the block log after a reopen', async () => {
      await withAlerts(3);
      const l = await reopen();
      const seen: number[] = [];
      l.subscribe((e) => { seen.push(e.blockNumber); }, { afterBlock: 0 });
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen, [1, 2, 3]);
    });

    it('keeps delivering to other listeners when one throws', async () => {
      const errors: unknown[] = [];
      ledger = await openEmbeddedLedger({ directory, onListenerError: (error) => { errors.push(error); } });
      const seen: number[] = [];
      ledger.subscribe(() => { throw new Error('listener bug'); });
      ledger.subscribe((e) => { seen.push(e.blockNumber); });
      await new SupervisionLedger(ledger).recordAlert('PBOC', alert('x'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen, [1]);
      assert.equal(errors.length, 1);
    });
  });
});
