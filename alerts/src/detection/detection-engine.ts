/**
 * The detection engine: runs every enabled typology of a rule set over a seq range of
 * ingested records, against the whole stored history, and reports each typology's
 * incidents or its error. Scheduling (which ranges, when, retries) belongs to the caller.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { TypologyId } from '../../../core/src/domain/alert.js';
import type { Incident, SeqRange } from '../typology.js';
import { defaultRuleSet, type RuleSet } from '../rules/rule-set.js';
import { LIST_STATEMENTS, loadDetectionLists, isExempt } from '../rules/detection-lists.js';
import { detectorOf } from '../typologies/index.js';
import { DETECTION_EVENTS_STATEMENTS, NON_PERSONAL_ACCOUNTS_STATEMENTS } from './detection-schema.js';
import { DEFAULT_DETECTION_QUERY_LIMITS, typologyClient, type DetectionQueryLimits } from './typology-client.js';

/** Options of the engine. */
export interface DetectionEngineOptions {
  client: ClickHouseClient;
  /** Validated rule set (see validateRuleSet); defaults to the catalogue defaults. */
  ruleSet?: RuleSet;
  /** Memory bounds of each typology's queries; defaults to DEFAULT_DETECTION_QUERY_LIMITS. */
  queryLimits?: DetectionQueryLimits;
}

/** One typology that failed during a run; the others still report. */
export interface TypologyError {
  typology: TypologyId;
  error: Error;
}

/** What one run found. */
export interface DetectionResult {
  incidents: Incident[];
  errors: TypologyError[];
  /** Wall time each typology took, in ms (for progress displays and profiling). */
  timings: { typology: TypologyId; ms: number }[];
}

/** The engine's public surface. */
export interface DetectionEngine {
  /** Extra DDL (state tables, materialized views, list tables); idempotent, apply after the base schema. */
  schemaStatements(): readonly string[];
  ruleSet(): RuleSet;
  /** `<typology>@<logic version>+<rule set version>`, e.g. `credit_to_real_estate@1.0.0+1.0.0`. */
  ruleVersion(typology: TypologyId): string;
  /**
   * Every incident that involves at least one record with seq in (afterSeq, uptoSeq],
   * over the whole stored history, so that late records complete earlier patterns.
   */
  detect(range: Readonly<SeqRange>, options?: Readonly<DetectOptions>): Promise<DetectionResult>;
}

/** Options of one detection run. */
export interface DetectOptions {
  /**
   * Called with each typology's incidents as soon as that typology has run, before the next
   * one starts, so that an alert can reach the dashboards without waiting for the slowest
   * typology of the round. The result still lists every incident.
   */
  onIncidents?: (typology: TypologyId, incidents: Incident[]) => Promise<void>;
  /** Run only these typologies (a typology catching up on a range the others have passed). */
  typologies?: readonly TypologyId[];
  /**
   * Called as each typology starts: the range that typology examines instead of `range` (the
   * alert pipeline's per-typology positions). It may also hand out records stored while the
   * run is under way; each new upper end then costs one small span query. An empty range skips
   * the typology.
   */
  rangeOf?: (typology: TypologyId) => SeqRange;
}

interface RangeSpan { n: number; minMs: number; maxMs: number; types: string[] }

/** Event-time span of the records in the range (one scan, shared by every typology). */
async function spanOf(client: ClickHouseClient, range: Readonly<SeqRange>): Promise<RangeSpan> {
  const result = await client.query({
    query: `SELECT count() AS n, toUnixTimestamp64Milli(min(ts)) AS minMs, toUnixTimestamp64Milli(max(ts)) AS maxMs,
        groupUniqArray(CAST(type, 'String')) AS types
      FROM detection_events WHERE seq > {afterSeq:UInt64} AND seq <= {uptoSeq:UInt64}`,
    format: 'JSONEachRow',
    query_params: { afterSeq: range.afterSeq, uptoSeq: range.uptoSeq },
  });
  const [row] = await result.json<RangeSpan>();
  return row ?? { n: 0, minMs: 0, maxMs: 0, types: [] };
}

/** The span of two adjacent ranges. */
function mergeSpans(a: Readonly<RangeSpan>, b: Readonly<RangeSpan>): RangeSpan {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  return { n: a.n + b.n, minMs: Math.min(a.minMs, b.minMs), maxMs: Math.max(a.maxMs, b.maxMs), types: [...new Set([...a.types, ...b.types])] };
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** Create the engine over an analytics client. */
export function createDetectionEngine(options: Readonly<DetectionEngineOptions>): DetectionEngine {
  const { client } = options;
  const ruleSet = options.ruleSet ?? defaultRuleSet();
  const enabled = Object.entries(ruleSet.typologies)
    .filter(([, rule]) => rule.enabled)
    .map(([id, rule]) => ({
      detector: detectorOf(id as TypologyId), params: rule.params,
      client: typologyClient(client, id as TypologyId, options.queryLimits ?? DEFAULT_DETECTION_QUERY_LIMITS),
    }));

  return {
    schemaStatements: () => [...NON_PERSONAL_ACCOUNTS_STATEMENTS, ...DETECTION_EVENTS_STATEMENTS, ...LIST_STATEMENTS],
    ruleSet: () => ruleSet,
    ruleVersion(typology) {
      const detector = detectorOf(typology);
      return `${typology}@${detector?.logicVersion ?? '0.0.0'}+${ruleSet.version}`;
    },
    async detect(whole, options = {}) {
      // A span is computed once per start: a later typology handed newer records reads only
      // the span of what was stored since, and merges it (n, min, max and types compose).
      const spans = new Map<number, { uptoSeq: number; span: RangeSpan }>();
      const spanOfRange = async (r: Readonly<SeqRange>): Promise<RangeSpan> => {
        const known = spans.get(r.afterSeq);
        if (known && known.uptoSeq === r.uptoSeq) return known.span;
        const extendsKnown = known !== undefined && known.uptoSeq < r.uptoSeq;
        const delta = await spanOf(client, extendsKnown ? { afterSeq: known.uptoSeq, uptoSeq: r.uptoSeq } : r);
        const span = extendsKnown ? mergeSpans(known.span, delta) : delta;
        spans.set(r.afterSeq, { uptoSeq: r.uptoSeq, span });
        return span;
      };
      let lists: Awaited<ReturnType<typeof loadDetectionLists>> | undefined;
      // Typologies run one after another: the embedded engine runs one query at a time anyway,
      // and sequential runs keep one slow typology from starving the others of memory.
      const incidents: Incident[] = [];
      const errors: TypologyError[] = [];
      const timings: DetectionResult['timings'] = [];
      for (const { detector, params, client: bounded } of enabled) {
        if (!detector) continue;
        if (options.typologies && !options.typologies.includes(detector.id)) continue;
        const range = options.rangeOf?.(detector.id) ?? whole;
        if (range.uptoSeq <= range.afterSeq) continue;
        const span = await spanOfRange(range);
        if (span.n === 0 || !detector.recordTypes(params as never).some((type) => span.types.includes(type))) continue;
        const eventTime = { minMs: span.minMs, maxMs: span.maxMs };
        lists ??= await loadDetectionLists(client);
        const started = performance.now();
        let found: Incident[] = [];
        try {
          found = (await detector.detect({ client: bounded, params: params as never, range, eventTime }))
            .filter((incident) => !isExempt(incident, lists!));
          incidents.push(...found);
        } catch (reason) {
          errors.push({ typology: detector.id, error: asError(reason) });
        }
        timings.push({ typology: detector.id, ms: performance.now() - started });
        // Outside the try: a failure of the caller's handling is the caller's, not a typology error.
        if (found.length > 0) await options.onIncidents?.(detector.id, found);
      }
      return { incidents, errors, timings };
    },
  };
}
