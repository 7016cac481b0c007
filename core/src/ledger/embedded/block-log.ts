import { chmod, open, type FileHandle } from 'node:fs/promises';
import { serializeBlock, type Block, type GenesisBlock } from './block.js';
import { verifyBlock } from './block-verification.js';
import { LedgerIntegrityError } from './embedded-ledger-errors.js';

/**
 * The append-only block log: one canonical-JSON block per line in `blocks.ndjson`.
 * Every append is fsync'd before it resolves, so a transaction reported committed
 * survives a crash. Opening verifies the whole chain.
 */
export class BlockLog {
  readonly #file: FileHandle;
  readonly #blocks: Block[];

  private constructor(file: FileHandle, blocks: Block[]) {
    this.#file = file;
    this.#blocks = blocks;
  }

  /**
   * Opens (creating if absent) and verifies the log at `path`. A final line without its
   * newline is a write torn by a crash before fsync returned — never acknowledged to a
   * submitter — and is cut off; any other defect fails with {@link LedgerIntegrityError}.
   */
  static async open(path: string): Promise<BlockLog> {
    // 0600: the log names departments' cases and alerts; a log from before is tightened too.
    const file = await open(path, 'a+', 0o600);
    try {
      await chmod(path, 0o600);
      const text = await file.readFile('utf8');
      const complete = text.lastIndexOf('\n') + 1;
      if (complete < text.length) await file.truncate(Buffer.byteLength(text.slice(0, complete)));
      return new BlockLog(file, readBlocks(text.slice(0, complete)));
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** Committed blocks, genesis first. */
  get blocks(): readonly Block[] {
    return this.#blocks;
  }

  get genesis(): GenesisBlock | undefined {
    const first = this.#blocks[0];
    return first?.kind === 'genesis' ? first : undefined;
  }

  get last(): Block | undefined {
    return this.#blocks.at(-1);
  }

  /** Appends `block` and waits until it is on disk. */
  async append(block: Block): Promise<void> {
    await this.#file.write(serializeBlock(block));
    await this.#file.sync();
    this.#blocks.push(block);
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}

function readBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text === '' ? [] : text.slice(0, -1).split('\n');
  lines.forEach((line, number) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new LedgerIntegrityError(number, 'unreadable', 'is not valid JSON', error);
    }
    const genesis = blocks[0]?.kind === 'genesis' ? blocks[0] : undefined;
    blocks.push(verifyBlock(raw, number, blocks.at(-1), genesis));
  });
  if (blocks.length > 0 && blocks[0]?.kind !== 'genesis') throw new LedgerIntegrityError(0, 'chain', 'is not a genesis block');
  return blocks;
}
