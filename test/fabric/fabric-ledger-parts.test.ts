import assert from 'node:assert/strict';
import { parseConnectionProfile } from '../../core/src/ledger/fabric/index.js';
import { heightFromBlockchainInfo } from '../../core/src/ledger/fabric/chain-height.js';
import { contractRefusalOf, translateFabricError } from '../../core/src/ledger/fabric/fabric-errors.js';
import { TransactionRefusedError } from '../../core/src/ledger/ledger-errors.js';
import { buildTopology, freePorts, majorityEndorsementPolicy, portsNeeded } from '../../network-config/src/index.js';

describe('Fabric ledger backend parts', function () {
  describe('parseConnectionProfile', function () {
    const connection = {
      mspId: 'PBOCMSP', peerEndpoint: '127.0.0.1:1', peerHostAlias: 'peer0', tlsRootCertPath: 'ca.pem', certPath: 'c.pem', keyPath: 'k.pem',
    };
    const profile = {
      channel: 'supervision', chaincode: 'supervision',
      departments: { PBOC: connection, NFRA: connection, SAMR: connection, CAC: connection, SAFE: connection },
    };

    it('accepts a profile with every department', function () {
      assert.equal(parseConnectionProfile(profile).channel, 'supervision');
    });

    it('names the missing field of a department', function () {
      const broken = { ...profile, departments: { ...profile.departments, SAFE: { ...connection, keyPath: '' } } };
      assert.throws(() => parseConnectionProfile(broken, 'p.json'), /p\.json: "departments\.SAFE\.keyPath" must be a non-empty string/);
    });
  });

  describe('heightFromBlockchainInfo', function () {
    it('reads the varint height at the start of the message', function () {
      assert.equal(heightFromBlockchainInfo(Uint8Array.from([0x08, 0x05, 0x12, 0x00])), 5);
      assert.equal(heightFromBlockchainInfo(Uint8Array.from([0x08, 0xac, 0x02])), 300);
      assert.equal(heightFromBlockchainInfo(new Uint8Array()), 0);
    });
  });

  describe('translateFabricError', function () {
    it('turns the contract\'s relayed refusal into a TransactionRefusedError with its code', function () {
      const error = new Error('10 ABORTED: chaincode response 500, ACCESS_DENIED: case c1 is not routed to SAFE');
      assert.equal(contractRefusalOf(error), 'ACCESS_DENIED: case c1 is not routed to SAFE');
      const translated = translateFabricError('submitOpinion', error);
      assert.ok(translated instanceof TransactionRefusedError);
      assert.equal(translated.code, 'ACCESS_DENIED');
    });

    it('finds the refusal in an evaluate error, past gRPC\'s own status word', function () {
      const error = new Error('2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: no case c2 on the ledger');
      assert.equal(translateFabricError('getCase', error).code, 'NOT_FOUND');
    });

    it('reports anything else as the ledger being unavailable', function () {
      const translated = translateFabricError('anchorBatch', new Error('14 UNAVAILABLE: No connection established'));
      assert.equal(translated.code, 'LEDGER_UNAVAILABLE');
    });
  });

  describe('network topology', function () {
    it('needs three of the five regulators to endorse', async function () {
      const topology = buildTopology({ ports: await freePorts(portsNeeded('BFT')) });
      assert.equal(majorityEndorsementPolicy(topology),
        "OutOf(3, 'PBOCMSP.peer', 'NFRAMSP.peer', 'SAMRMSP.peer', 'CACMSP.peer', 'SAFEMSP.peer')");
      assert.equal(topology.orderers.length, 4, 'BFT tolerates one faulty orderer with four');
      assert.equal(new Set([...topology.orderers.flatMap((o) => [o.port, o.adminPort, o.operationsPort]),
        ...topology.orgs.flatMap((o) => [o.peerPort, o.peerChaincodePort, o.peerOperationsPort, o.chaincodeServerPort])]).size,
      portsNeeded('BFT'), 'every listener has its own port');
    });
  });
});
