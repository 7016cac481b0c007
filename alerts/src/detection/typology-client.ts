import type { ClickHouseClient } from '@clickhouse/client';
import type { TypologyId } from '../../../core/src/domain/alert.js';

/** Memory bounds of one typology's queries (bytes; 0 leaves the engine's default). */
export interface DetectionQueryLimits {
  /** A query that would need more fails (ClickHouse code 241) instead of exhausting the machine. */
  maxMemoryBytes: number;
  /** Aggregations and sorts beyond this spill to disk rather than fail. */
  spillBytes: number;
}

export const DEFAULT_DETECTION_QUERY_LIMITS: DetectionQueryLimits = { maxMemoryBytes: 4 * 1024 ** 3, spillBytes: 1024 ** 3 };

/** The comment that opens every query of a typology (kept by ClickHouse in `system.query_log`). */
export const typologyQueryTag = (typology: TypologyId): string => `/* detection:${typology} */`;

/**
 * The analytics client as one typology sees it: every query it runs opens with the typology's
 * tag, so that the query log tells which typology ran what, and carries the memory bounds,
 * so that one hot account cannot take the whole engine's memory. The tag is a comment rather
 * than the `log_comment` setting because the embedded engine's connection applies settings
 * with `SET`, for the whole session: a label would stick to the queries that follow. The
 * bounds do stick there too, which bounds the embedded engine's other queries as well.
 */
export function typologyClient(client: ClickHouseClient, typology: TypologyId, limits: DetectionQueryLimits): ClickHouseClient {
  const tag = typologyQueryTag(typology);
  const settings: Record<string, string | number> = {};
  if (limits.maxMemoryBytes > 0) settings.max_memory_usage = limits.maxMemoryBytes;
  if (limits.spillBytes > 0) {
    settings.max_bytes_before_external_group_by = limits.spillBytes;
    settings.max_bytes_before_external_sort = limits.spillBytes;
  }
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return (params: Parameters<ClickHouseClient['query']>[0]) =>
        target.query({ ...params, query: `${tag}\n${params.query}`, clickhouse_settings: { ...settings, ...params.clickhouse_settings } } as typeof params);
    },
  });
}
