import { readFileSync } from 'node:fs';
import { DEPARTMENTS, type Department } from '../../domain/departments.js';

/** How the gateway reaches one department's peer and acts as that department. */
export interface DepartmentConnection {
  readonly mspId: string;
  /** `host:port` of the department's own peer (its Fabric Gateway service). */
  readonly peerEndpoint: string;
  /** Name in the peer's TLS certificate, used as the TLS server name override. */
  readonly peerHostAlias: string;
  /** PEM file of the CA that issued the peer's TLS certificate. */
  readonly tlsRootCertPath: string;
  /** PEM file of the department's client certificate (its identity on the ledger). */
  readonly certPath: string;
  /** PEM file of that certificate's private key (the department's signer). */
  readonly keyPath: string;
}

/**
 * The network as the gateway needs it: the channel, the contract and, per department, its
 * peer and identity. `npm run fabric:up` writes one (network-config/.run/connection-profile.json);
 * on a real deployment each department's operator fills in its own peer and credentials.
 */
export interface FabricConnectionProfile {
  readonly channel: string;
  readonly chaincode: string;
  readonly departments: Readonly<Record<Department, DepartmentConnection>>;
}

const CONNECTION_FIELDS = ['mspId', 'peerEndpoint', 'peerHostAlias', 'tlsRootCertPath', 'certPath', 'keyPath'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a parsed profile; the message names the first offending field. */
export function parseConnectionProfile(value: unknown, source = 'connection profile'): FabricConnectionProfile {
  const fail = (what: string): never => { throw new Error(`${source}: ${what}`); };
  if (!isRecord(value)) return fail('must be a JSON object');
  if (typeof value.channel !== 'string' || value.channel === '') fail('"channel" must be a non-empty string');
  if (typeof value.chaincode !== 'string' || value.chaincode === '') fail('"chaincode" must be a non-empty string');
  const departments = value.departments;
  if (!isRecord(departments)) return fail('"departments" must be an object keyed by department code');
  for (const department of DEPARTMENTS) {
    const connection = departments[department];
    if (!isRecord(connection)) return fail(`"departments.${department}" is missing`);
    for (const field of CONNECTION_FIELDS) {
      if (typeof connection[field] !== 'string' || connection[field] === '') {
        fail(`"departments.${department}.${field}" must be a non-empty string`);
      }
    }
  }
  return value as unknown as FabricConnectionProfile;
}

/** Reads and validates a profile file. */
export function readConnectionProfile(path: string): FabricConnectionProfile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read Fabric connection profile ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseConnectionProfile(parsed, path);
}
