import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MerkleTree, rootFromProof } from '../../gateway/src/anchoring/merkle-tree.js';
import { canonicalJson } from '../../core/src/domain/canonical-json.js';
import { canonicalRecordJson } from '../../gateway/src/ingest/record-hash.js';

const h = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('MerkleTree', () => {
  for (const size of [1, 2, 3, 4, 5, 7, 8, 33]) {
    it(`proves every leaf of a ${size}-leaf tree to its root`, () => {
      const leaves = Array.from({ length: size }, (_, i) => h(`record ${i}`));
      const tree = new MerkleTree(leaves);
      leaves.forEach((leaf, i) => assert.equal(rootFromProof(leaf, tree.proof(i)), tree.root));
    });
  }

  it('gives a different root when one leaf changes, and the old proof then fails', () => {
    const leaves = ['a', 'b', 'c'].map(h);
    const tree = new MerkleTree(leaves);
    const proof = tree.proof(1);
    assert.notEqual(new MerkleTree(['a', 'x', 'c'].map(h)).root, tree.root);
    assert.notEqual(rootFromProof(h('x'), proof), tree.root);
  });

  it('builds the same tree from concatenated hex hashes (the anchorer\'s fast path)', () => {
    for (const size of [1, 2, 3, 5, 8, 33, 1000]) {
      const leaves = Array.from({ length: size }, (_, i) => h(`record ${i}`));
      const fast = MerkleTree.fromConcatenatedHex(leaves.join(''));
      const tree = new MerkleTree(leaves);
      assert.equal(fast.root, tree.root, `${size} leaves`);
      assert.deepEqual(fast.proof(size - 1), tree.proof(size - 1));
    }
    assert.throws(() => MerkleTree.fromConcatenatedHex('abc'), RangeError);
  });

  it('does not let an odd last leaf be duplicated into the same root', () => {
    const three = new MerkleTree(['a', 'b', 'c'].map(h));
    const four = new MerkleTree(['a', 'b', 'c', 'c'].map(h));
    assert.notEqual(three.root, four.root);
  });

  it('refuses an empty tree', () => {
    assert.throws(() => new MerkleTree([]), RangeError);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 0 }], c: 'é' } }), '{"a":{"c":"é","d":[2,{"x":0,"z":1}]},"b":1}');
  });

  it('gives the same bytes as the record hash\'s fast path for a stored record', () => {
    const record = {
      txId: 't"1', institution: 'B', ts: '2026-07-01T00:00:00.000Z', type: 'transfer' as const, from: 'p_a', to: 'p_b', amount: '1.00',
      currency: 'CNY', loanPurpose: '', fromSector: '', toSector: 'K', toMcc: '6513', toCountry: '',
    };
    assert.equal(canonicalRecordJson(record), canonicalJson(record));
    for (const txId of ['plain-1', 'back\\slash', 'q"uote', '~!@#$%^&*()_+{}|:<>?']) {
      const other = { ...record, txId, institution: txId.length % 2 ? 'B\\K' : 'BANK' };
      assert.equal(canonicalRecordJson(other), canonicalJson(other), txId);
    }
  });

  it('refuses non-finite numbers', () => {
    assert.throws(() => canonicalJson({ a: Number.NaN }), TypeError);
  });
});
