import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway, type Identity, type Signer } from '@hyperledger/fabric-gateway';
import type { Department } from '../../domain/departments.js';
import type { DepartmentConnection, FabricConnectionProfile } from './connection-profile.js';

/** Per-call deadlines in milliseconds. A call past its deadline fails instead of hanging. */
export interface FabricDeadlines {
  /** A query on the department's peer. */
  readonly evaluateMs: number;
  /** Collecting endorsements from a majority of the regulators' peers. */
  readonly endorseMs: number;
  /** Handing the endorsed transaction to the ordering service. */
  readonly submitMs: number;
  /** Waiting for the transaction to be committed in a block. */
  readonly commitStatusMs: number;
}

export const DEFAULT_DEADLINES: FabricDeadlines = {
  evaluateMs: 10_000, endorseMs: 20_000, submitMs: 10_000, commitStatusMs: 60_000,
};

/** One department's live connection: its own gRPC channel, identity and signer. */
export interface DepartmentGateway {
  readonly department: Department;
  readonly client: grpc.Client;
  readonly gateway: Gateway;
}

function newGrpcClient(connection: DepartmentConnection): grpc.Client {
  const tlsRootCert = readFileSync(connection.tlsRootCertPath);
  return new grpc.Client(connection.peerEndpoint, grpc.credentials.createSsl(tlsRootCert), {
    'grpc.ssl_target_name_override': connection.peerHostAlias,
    // Event streams are long-lived; keepalive notices a vanished peer instead of waiting forever.
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
  });
}

function newIdentity(connection: DepartmentConnection): Identity {
  return { mspId: connection.mspId, credentials: readFileSync(connection.certPath) };
}

function newSigner(connection: DepartmentConnection): Signer {
  return signers.newPrivateKeySigner(createPrivateKey(readFileSync(connection.keyPath)));
}

const within = (ms: number) => (): grpc.CallOptions => ({ deadline: Date.now() + ms });

/**
 * Opens a Fabric Gateway connection for one department: its transactions are signed with
 * its own key and endorsed by the peers that service discovery finds for the contract's
 * majority policy. The department's own peer is its gateway into the network.
 */
export function connectDepartment(
  department: Department, connection: DepartmentConnection, deadlines: FabricDeadlines = DEFAULT_DEADLINES,
): DepartmentGateway {
  const client = newGrpcClient(connection);
  const gateway = connect({
    client,
    identity: newIdentity(connection),
    signer: newSigner(connection),
    hash: hash.sha256,
    evaluateOptions: within(deadlines.evaluateMs),
    endorseOptions: within(deadlines.endorseMs),
    submitOptions: within(deadlines.submitMs),
    commitStatusOptions: within(deadlines.commitStatusMs),
  });
  return { department, client, gateway };
}

/** The connections of every department in the profile, opened together and closed together. */
export class DepartmentGateways {
  readonly #gateways: ReadonlyMap<Department, DepartmentGateway>;

  constructor(profile: FabricConnectionProfile, deadlines: FabricDeadlines = DEFAULT_DEADLINES) {
    this.#gateways = new Map(Object.entries(profile.departments).map(([department, connection]) =>
      [department as Department, connectDepartment(department as Department, connection, deadlines)]));
  }

  /** The gateway acting as `department`; throws for a department the profile lacks. */
  of(department: Department): Gateway {
    const entry = this.#gateways.get(department);
    if (!entry) throw new Error(`no Fabric connection for department ${department}`);
    return entry.gateway;
  }

  close(): void {
    for (const { gateway, client } of this.#gateways.values()) {
      gateway.close();
      client.close();
    }
  }
}
