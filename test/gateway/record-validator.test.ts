import assert from 'node:assert/strict';
import { validateRecord } from '../../gateway/src/ingest/record-validator.js';

const valid = {
  txId: 'T-1', institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00+08:00', type: 'transfer',
  from: 'A1', to: 'A2', amount: '100.5',
};

function rejection(record: Record<string, unknown>, caller?: string): { field: string; reason: string } {
  const result = validateRecord(record, caller);
  assert.equal(result.ok, false, 'expected a rejection');
  return (result as { rejections: { field: string; reason: string }[] }).rejections[0]!;
}

describe('validateRecord', () => {
  it('normalizes a valid record: UTC timestamp with milliseconds, two-decimal amount, CNY by default', () => {
    const result = validateRecord(valid);
    assert.ok(result.ok);
    assert.equal(result.record.ts, '2026-07-01T01:00:00.000Z');
    assert.equal(result.record.amount, '100.50');
    assert.equal(result.record.currency, 'CNY');
  });

  it('accepts a numeric amount with two decimals', () => {
    const result = validateRecord({ ...valid, amount: 12.34 });
    assert.ok(result.ok);
    assert.equal(result.record.amount, '12.34');
  });

  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['a missing txId', { ...valid, txId: undefined }, 'txId', /required/],
    ['a txId over 64 characters', { ...valid, txId: 'x'.repeat(65) }, 'txId', /64/],
    ['a timestamp without zone', { ...valid, ts: '2026-07-01T09:00:00' }, 'ts', /zone/],
    ['an impossible date', { ...valid, ts: '2026-13-01T09:00:00Z' }, 'ts', /valid date/],
    ['an unknown type', { ...valid, type: 'gift' }, 'type', /one of/],
    ['a zero amount', { ...valid, amount: '0.00' }, 'amount', /greater than 0/],
    ['a negative amount', { ...valid, amount: -5 }, 'amount', /positive/],
    ['three decimals', { ...valid, amount: '1.005' }, 'amount', /2 decimals/],
    ['a loan without purpose', { ...valid, type: 'loan_disbursement' }, 'loanPurpose', /required/],
    ['a purpose on a transfer', { ...valid, loanPurpose: 'consumer' }, 'loanPurpose', /only allowed/],
    ['a cross-border record without country', { ...valid, type: 'cross_border_out' }, 'toCountry', /required/],
    ['a malformed MCC', { ...valid, toMcc: '65' }, 'toMcc', /4-digit/],
    ['a malformed sector', { ...valid, toSector: 'real estate' }, 'toSector', /GB\/T 4754/],
    ['a lower-case currency', { ...valid, currency: 'cny' }, 'currency', /ISO 4217/],
    ['an unknown field (nothing unvetted is stored)', { ...valid, customerName: 'Zhang San' }, 'customerName', /unknown field/],
  ];
  for (const [what, record, field, reason] of cases) {
    it(`rejects ${what}, naming the field`, () => {
      const r = rejection(record);
      assert.equal(r.field, field);
      assert.match(r.reason, reason);
    });
  }

  it("rejects a record whose institution is not the API key's", () => {
    const r = rejection(valid, 'SWIFTPAY');
    assert.equal(r.field, 'institution');
  });

  it('rejects something that is not an object', () => {
    assert.equal(rejection([] as unknown as Record<string, unknown>).field, 'record');
  });
});
