import assert from 'node:assert/strict';
import {
  ListEntryError, NO_LISTS, addListEntry, listEntries, loadDetectionLists, removeListEntry, severityOf,
} from '../../alerts/src/rules/index.js';
import type { Incident } from '../../alerts/src/detection/index.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { DAY, HOUR, rec } from './support/records.js';
import { TypologyProbe, account } from './support/typology-probe.js';

const incident = (amount: string, accounts: string[], toCountry?: string): Incident => ({
  typology: 'cross_border_split', incidentKey: 'k', accounts, amount, firstTs: '', lastTs: '',
  evidence: [{ institution: 'B', txId: 't', type: 'cross_border_out', from: accounts[0]!, to: 'F', amount, ts: '', role: 'remittance', ...(toCountry ? { toCountry } : {}) }],
});

describe('detection lists', () => {
  let store: DetectionStore;
  before(async () => { store = await openDetectionStore(); });
  after(async () => store.close());

  describe('addListEntry / removeListEntry / listEntries', () => {
    it('adds, lists and removes entries', async () => {
      await addListEntry(store.client, { list: 'negative', kind: 'jurisdiction', value: 'KP', reason: 'FATF call for action', addedBy: 'PBOC' });
      await addListEntry(store.client, { list: 'allow', kind: 'account', value: 'payroll-1', typology: 'fan_out' });
      assert.deepEqual((await listEntries(store.client)).map((e) => [e.list, e.value, e.typology]), [['allow', 'payroll-1', 'fan_out'], ['negative', 'KP', '*']]);
      await removeListEntry(store.client, { list: 'negative', kind: 'jurisdiction', value: 'KP' });
      assert.deepEqual((await listEntries(store.client, 'negative')), []);
      await removeListEntry(store.client, { list: 'allow', kind: 'account', value: 'payroll-1', typology: 'fan_out' });
    });

    it('refuses entries that make no sense, naming the field', async () => {
      await assert.rejects(addListEntry(store.client, { list: 'allow', kind: 'jurisdiction', value: 'KP' }), (e: unknown) => e instanceof ListEntryError && e.field === 'kind');
      await assert.rejects(addListEntry(store.client, { list: 'negative', kind: 'jurisdiction', value: 'north' }), (e: unknown) => e instanceof ListEntryError && e.field === 'value');
    });
  });

  describe('severityOf', () => {
    it('starts from the amount and rises one step per kind of negative-list hit', async () => {
      assert.equal(severityOf(incident('20000.00', ['a']), NO_LISTS), 'low');
      assert.equal(severityOf(incident('300000.00', ['a']), NO_LISTS), 'medium');
      assert.equal(severityOf(incident('1000000.00', ['a']), NO_LISTS), 'high');
      await addListEntry(store.client, { list: 'negative', kind: 'account', value: 'flagged-1' });
      await addListEntry(store.client, { list: 'negative', kind: 'jurisdiction', value: 'IR', typology: 'cross_border_split' });
      const lists = await loadDetectionLists(store.client);
      assert.equal(severityOf(incident('300000.00', ['flagged-1']), lists), 'high');
      assert.equal(severityOf(incident('300000.00', ['flagged-1'], 'IR'), lists), 'critical');
      assert.equal(severityOf(incident('1000000.00', ['flagged-1'], 'IR'), lists), 'critical');
    });
  });

  describe('the allow list', () => {
    it("holds a department user's entry from before scoping as a proposal, silencing nothing", async () => {
      await addListEntry(store.client, { list: 'allow', kind: 'account', value: 'legacy-cac-allowed', addedBy: 'CAC/cac.reviewer' });
      await addListEntry(store.client, { list: 'allow', kind: 'account', value: 'operator-allowed', addedBy: 'operator' });
      const lists = await loadDetectionLists(store.client);
      assert.equal(lists.allowedAccounts.has('legacy-cac-allowed'), false);
      assert.equal(lists.allowedAccounts.has('operator-allowed'), true);
      assert.equal((await listEntries(store.client, 'allow')).find((e) => e.value === 'legacy-cac-allowed')?.state, 'proposed');
      await removeListEntry(store.client, { list: 'allow', kind: 'account', value: 'legacy-cac-allowed' });
      await removeListEntry(store.client, { list: 'allow', kind: 'account', value: 'operator-allowed' });
    });

    it('exempts incidents of an allowed account for the listed typology only', async () => {
      const probe = new TypologyProbe(store);
      const who = account('agent');
      await addListEntry(store.client, { list: 'allow', kind: 'account', value: who, typology: 'structuring' });
      const cash = [0, 1, 2].map((h) => rec({ type: 'cash_deposit', from: who, to: who, amount: 45_000, offsetMs: 40 * DAY + h * HOUR }));
      assert.equal((await probe.incidents('structuring', cash)).length, 0);
      await removeListEntry(store.client, { list: 'allow', kind: 'account', value: who, typology: 'structuring' });
      const more = [rec({ type: 'cash_deposit', from: who, to: who, amount: 45_000, offsetMs: 40 * DAY + 3 * HOUR })];
      assert.equal((await probe.incidents('structuring', more)).length, 1);
    });
  });
});
