import assert from 'node:assert/strict';
import { EngineProbe } from '../../gateway/src/engine-probe.js';

describe('EngineProbe (what health reads of the engines)', () => {
  it('answers within its wait while the engine is busy, with the last reading and its age; fresh once the engine answers', async () => {
    let release: (() => void) | undefined;
    let value = 1;
    const probe = new EngineProbe({
      intervalMs: 60_000,
      probe: () => (release === undefined ? Promise.resolve(value) : new Promise<number>((resolve) => { const r = release!; release = () => { r(); resolve(value); }; })),
    });
    try {
      await probe.refresh();
      assert.deepEqual({ ok: probe.reading().ok, value: probe.reading().value }, { ok: true, value: 1 });
      // The engine is now busy: a probe does not answer until released.
      release = () => undefined;
      value = 2;
      const started = Date.now();
      const busy = await probe.fresh(100);
      assert.ok(Date.now() - started < 1_000, 'health does not wait for a busy engine');
      assert.equal(busy.value, 1, 'the last good reading');
      assert.ok(busy.checkedAt !== undefined);
      // Once the engine answers, the next fresh reading has the value written meanwhile.
      const freeing = release as () => void;
      release = undefined;
      freeing();
      assert.equal((await probe.fresh(1_000)).value, 2);
    } finally {
      probe.stop();
    }
  });

  it('counts an engine as down once its last good probe is older than the staleness bound', async () => {
    let fail = false;
    const probe = new EngineProbe({ intervalMs: 60_000, staleMs: 50, probe: async () => { if (fail) throw new Error('engine down'); return 'up'; } });
    try {
      await probe.refresh();
      assert.equal(probe.reading().ok, true);
      fail = true;
      await new Promise((r) => setTimeout(r, 80));
      const reading = await probe.fresh(100);
      assert.equal(reading.ok, false);
      assert.equal(reading.value, 'up', 'what it last said is still shown, with its time');
    } finally {
      probe.stop();
    }
  });
});
