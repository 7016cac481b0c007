import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FabricTools } from './fabric-tools.js';
import type { RunLayout } from './run-layout.js';
import type { NetworkTopology, RegulatorOrg } from './topology.js';

const PROFILE = 'SupervisionChannel';

const signature = (rule: string): object => ({ Type: 'Signature', Rule: rule });
const implicit = (rule: string): object => ({ Type: 'ImplicitMeta', Rule: rule });

/** The contract's endorsement policy: any three of the five regulators' peers. */
export function majorityEndorsementPolicy(topology: NetworkTopology): string {
  const majority = Math.floor(topology.orgs.length / 2) + 1;
  return `OutOf(${majority}, ${topology.orgs.map((o) => `'${o.mspId}.peer'`).join(', ')})`;
}

function regulatorOrg(layout: RunLayout, topology: NetworkTopology, org: RegulatorOrg): object {
  const msp = org.mspId;
  return {
    Name: msp,
    ID: msp,
    MSPDir: join(layout.orgDir(org), 'msp'),
    Policies: {
      Readers: signature(`OR('${msp}.admin', '${msp}.peer', '${msp}.client')`),
      Writers: signature(`OR('${msp}.admin', '${msp}.client')`),
      Admins: signature(`OR('${msp}.admin')`),
      Endorsement: signature(`OR('${msp}.peer')`),
    },
    // Anchor peers let every peer learn the others' endpoints through gossip, which is what
    // service discovery (and so the gateway's choice of endorsers) is built on.
    AnchorPeers: [{ Host: topology.host, Port: org.peerPort }],
  };
}

function ordererSection(layout: RunLayout, topology: NetworkTopology): object {
  const msp = topology.ordererMspId;
  const ordererOrg = {
    Name: msp,
    ID: msp,
    MSPDir: layout.ordererOrgMsp(topology),
    Policies: {
      Readers: signature(`OR('${msp}.member')`),
      Writers: signature(`OR('${msp}.member')`),
      Admins: signature(`OR('${msp}.admin')`),
    },
    OrdererEndpoints: topology.orderers.map((o) => `${topology.host}:${o.port}`),
  };
  const tls = (name: string): string => join(layout.ordererDir(topology, topology.orderers.find((o) => o.name === name)!), 'tls', 'server.crt');
  const consensus = topology.consensus === 'BFT'
    ? {
      OrdererType: 'BFT',
      SmartBFT: {
        // Small intervals keep a lightly loaded network responsive: a transaction waits for
        // at most RequestBatchMaxInterval before its block is proposed.
        RequestBatchMaxCount: 100, RequestBatchMaxInterval: '200ms', RequestForwardTimeout: '2s',
        RequestComplainTimeout: '20s', RequestAutoRemoveTimeout: '3m0s', ViewChangeResendInterval: '5s',
        ViewChangeTimeout: '20s', LeaderHeartbeatTimeout: '1m0s', LeaderHeartbeatCount: 10,
        CollectTimeout: '1s', RequestBatchMaxBytes: 10485760, IncomingMessageBufferSize: 200, RequestPoolSize: 100000,
      },
      ConsenterMapping: topology.orderers.map((o) => ({
        ID: o.id, Host: topology.host, Port: o.port, MSPID: msp,
        Identity: join(layout.ordererDir(topology, o), 'msp', 'signcerts', `${o.name}.${topology.ordererDomain}-cert.pem`),
        ClientTLSCert: tls(o.name), ServerTLSCert: tls(o.name),
      })),
    }
    : {
      OrdererType: 'etcdraft',
      EtcdRaft: {
        Consenters: topology.orderers.map((o) => ({
          Host: topology.host, Port: o.port, ClientTLSCert: tls(o.name), ServerTLSCert: tls(o.name),
        })),
        Options: { TickInterval: '500ms', ElectionTick: 10, HeartbeatTick: 1, MaxInflightBlocks: 5, SnapshotIntervalSize: '16 MB' },
      },
    };
  return {
    ...consensus,
    BatchTimeout: '250ms',
    BatchSize: { MaxMessageCount: 50, AbsoluteMaxBytes: '10 MB', PreferredMaxBytes: '2 MB' },
    Organizations: [ordererOrg],
    Policies: {
      Readers: implicit('ANY Readers'), Writers: implicit('ANY Writers'),
      Admins: implicit('MAJORITY Admins'), BlockValidation: implicit('ANY Writers'),
    },
    Capabilities: { V2_0: true },
  };
}

/**
 * configtxgen's input: the `supervision` application channel with the five regulators and the
 * ordering service. Changing the channel (an application policy, a member) takes a majority of
 * the regulators' admins, so no single department controls it. Written as JSON (valid YAML).
 */
export function configtx(layout: RunLayout, topology: NetworkTopology): object {
  const policy = majorityEndorsementPolicy(topology);
  return {
    Profiles: {
      [PROFILE]: {
        Policies: { Readers: implicit('ANY Readers'), Writers: implicit('ANY Writers'), Admins: implicit('MAJORITY Admins') },
        Capabilities: { V3_0: true },
        Orderer: ordererSection(layout, topology),
        Application: {
          Organizations: topology.orgs.map((org) => regulatorOrg(layout, topology, org)),
          Policies: {
            Readers: implicit('ANY Readers'), Writers: implicit('ANY Writers'), Admins: implicit('MAJORITY Admins'),
            LifecycleEndorsement: implicit('MAJORITY Endorsement'),
            Endorsement: signature(policy),
          },
          Capabilities: { V2_5: true },
        },
      },
    },
  };
}

/** Writes configtx.yaml and produces the channel's genesis block (no system channel). */
export async function generateChannelBlock(tools: FabricTools, layout: RunLayout, topology: NetworkTopology): Promise<void> {
  mkdirSync(layout.configDir, { recursive: true });
  mkdirSync(layout.artifactsDir, { recursive: true });
  writeFileSync(join(layout.configDir, 'configtx.yaml'), JSON.stringify(configtx(layout, topology), null, 2));
  await tools.run('configtxgen', [
    '-profile', PROFILE, '-channelID', topology.channel, '-outputBlock', layout.channelBlock,
  ], { FABRIC_CFG_PATH: layout.configDir });
}
