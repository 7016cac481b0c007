import type { Contract } from 'fabric-contract-api';
import type { EmbeddedChaincodeStub, EmbeddedClientIdentity } from './chaincode-stub.js';

/** A contract class as a chaincode's `contracts` list exports it. */
export type ContractClass = new () => Contract;
type ContractInstance = Contract;
type ContractContext = ReturnType<ContractInstance['createContext']>;

/** What fabric-contract-api's @Transaction decorator records for each transaction function. */
interface TransactionMetadata { name: string }

/**
 * Routes a function name to a contract method the way Fabric's contract runtime does:
 * `Contract:fn` or, unqualified, the first (default) contract; only functions declared
 * with `@Transaction` are callable; the context is created by the contract, then
 * `beforeTransaction`, the function, `afterTransaction`; an unknown name goes to
 * `unknownTransaction`.
 */
export class ContractDispatcher {
  readonly #contracts: ReadonlyMap<string, ContractInstance>;
  readonly #defaultName: string;

  constructor(contracts: readonly ContractClass[]) {
    const instances = contracts.map((Contract) => new Contract());
    this.#contracts = new Map(instances.map((c) => [c.getName(), c]));
    const first = instances[0];
    if (first === undefined) throw new Error('a chaincode needs at least one contract');
    this.#defaultName = first.getName();
  }

  /** Runs `fn` with `args`; resolves to the function's return value (a string, for this contract). */
  async invoke(fn: string, args: readonly string[], stub: EmbeddedChaincodeStub, identity: EmbeddedClientIdentity): Promise<unknown> {
    const separator = fn.lastIndexOf(':');
    const contractName = separator < 0 ? this.#defaultName : fn.slice(0, separator);
    const name = separator < 0 ? fn : fn.slice(separator + 1);
    const contract = this.#contracts.get(contractName);
    if (contract === undefined) throw new Error(`contract ${contractName} is not defined in the chaincode`);
    const ctx = contract.createContext();
    ctx.stub = stub as unknown as ContractContext['stub'];
    ctx.clientIdentity = identity as unknown as ContractContext['clientIdentity'];
    const method = declaredTransaction(contract, name);
    if (method === undefined) {
      await contract.unknownTransaction(ctx);
      return undefined;
    }
    // Fabric refuses a call whose argument count differs from the function's parameters.
    if (args.length !== method.length - 1) {
      throw new Error(`Expected ${String(method.length - 1)} parameters, but ${String(args.length)} have been supplied`);
    }
    await contract.beforeTransaction(ctx);
    const result: unknown = await method.call(contract, ctx, ...args);
    await contract.afterTransaction(ctx, result);
    return result;
  }
}

type TransactionFunction = (this: ContractInstance, ctx: ContractContext, ...args: string[]) => Promise<unknown>;

function declaredTransaction(contract: ContractInstance, name: string): TransactionFunction | undefined {
  // reflect-metadata is loaded by fabric-contract-api; its typings are not, hence the cast.
  const reflect = Reflect as unknown as { getMetadata(key: string, target: object): unknown };
  const declared = (reflect.getMetadata('fabric:transactions', contract) ?? []) as TransactionMetadata[];
  if (!declared.some((t) => t.name === name)) return undefined;
  const candidate = (contract as unknown as Record<string, unknown>)[name];
  return typeof candidate === 'function' ? (candidate as TransactionFunction) : undefined;
}
