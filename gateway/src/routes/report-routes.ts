import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { InvalidInputError } from '../../../core/src/errors.js';
import { requireUser } from '../http/request-identity.js';
import { isQuarterId } from '../reports/index.js';
import type { PlatformComponents } from '../platform-components.js';

// Years 1000-2999 only: a year such as 0098 would reach the ledger formatted otherwise (a 500, not a 400).
/** The language of the rendered report (HTML, PDF); the JSON and the hash are the same in both. */
const ReportQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN')])) }, { additionalProperties: false });
const QuarterParams = Type.Object({
  quarter: Type.String({ maxLength: 32, pattern: '^[12]\\d{3}Q[1-4](\\.(json|html|pdf))?$', description: 'write the year and quarter, e.g. 2026Q3, optionally followed by .json, .html or .pdf' }),
});
const SignOffParams = Type.Object({ quarter: Type.String({ maxLength: 32, pattern: '^[12]\\d{3}Q[1-4]$', description: 'write the year and quarter, e.g. 2026Q3' }) });
const SignOffBody = Type.Union([
  Type.Object({
    reportHash: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the hash of the report as the reviewer read it; refused if the report has changed' })),
  }, { additionalProperties: false }),
  Type.Null(),
]);

const SignOff = Type.Object({ department: Type.String(), at: Type.String(), txId: Type.String(), reportHash: Type.String(), by: Type.Optional(Type.String()) });
const Anchored = Type.Union([Type.Object({ reportHash: Type.String(), anchoredBy: Type.Optional(Type.String()), anchoredAt: Type.Optional(Type.String()) }), Type.Null()]);
const LedgerStatus = Type.Object({ anchored: Anchored, matchesAnchor: Type.Boolean(), signOffs: Type.Array(SignOff), pending: Type.Array(Type.String()) });
const Version = Type.Union([
  Type.Object({ kind: Type.Literal('current') }),
  Type.Object({ kind: Type.Literal('signed'), currentHash: Type.String({ description: 'the hash the current data give' }) }),
]);
const ReportBody = Type.Object({
  reportHash: Type.String(), generatedAt: Type.String(), ledger: LedgerStatus, version: Version,
  content: Type.Unknown({ description: 'the hashed figures (format suptech.quarterly-report/1)' }),
});
const Listing = Type.Object({ reports: Type.Array(Type.Object({
  quarter: Type.String(), anchored: Anchored, signOffs: Type.Array(SignOff), pending: Type.Array(Type.String()),
  endsAt: Type.String({ description: 'First instant after the quarter (China Standard Time); sign-off opens then' }),
  ended: Type.Boolean(),
})) });
const ErrorBody = Type.Object({ error: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 503: ErrorBody };

const FORMATS = ['json', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/** `2026Q3`, `2026Q3.pdf` … → quarter and format; anything else is a 400 naming `quarter`. */
function readQuarterParam(raw: string, allowFormat: boolean): { quarter: string; format: Format } {
  const dot = raw.lastIndexOf('.');
  const quarter = allowFormat && dot > 0 ? raw.slice(0, dot) : raw;
  const format = (allowFormat && dot > 0 ? raw.slice(dot + 1) : 'json') as Format;
  if (!isQuarterId(quarter) || !FORMATS.includes(format)) {
    const suffix = allowFormat ? ', optionally followed by .json, .html or .pdf' : '';
    throw new InvalidInputError('quarter', `"${raw}" is not a quarter; write the year and quarter, e.g. 2026Q3${suffix}`);
  }
  return { quarter, format };
}

/** The quarterly joint report: list, read (JSON, HTML, PDF), and the department's sign-off. */
export const reportRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, reports } = components;
  if (!reports) return;

  app.get('/api/v1/reports', {
    schema: { tags: ['reports'], summary: 'Quarters with reported records, with their report anchors and sign-offs', response: { 200: Listing, 401: ErrorBody } },
  }, async (request) => {
    requireUser(access, request);
    return { reports: await reports.list() };
  });

  app.get<{ Params: Static<typeof QuarterParams>; Querystring: Static<typeof ReportQuery> }>('/api/v1/reports/:quarter', {
    schema: {
      tags: ['reports'], params: QuarterParams, querystring: ReportQuery,
      summary: 'The quarterly joint report (.json by default, .html, .pdf): the signed version once a department has signed, else the current data\'s',
      // The one route answers three formats: each is declared with its content type.
      response: {
        200: {
          description: 'the report',
          content: { 'application/json': { schema: ReportBody }, 'text/html': { schema: Type.String() }, 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
        },
        ...errors,
      },
    },
  }, async (request, reply) => {
    requireUser(access, request);
    const { quarter, format } = readQuarterParam(request.params.quarter, true);
    const report = await reports.current(quarter);
    void reply.header('x-report-hash', report.reportHash).header('cache-control', 'no-store');
    const lang = request.query.lang ?? 'en';
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(reports.html(report, lang));
    if (format === 'pdf') {
      const pdf = await reports.pdf(report, lang);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="joint-report-${quarter}.pdf"`).send(pdf);
    }
    return report;
  });

  app.post<{ Params: Static<typeof SignOffParams>; Body: Static<typeof SignOffBody> }>('/api/v1/reports/:quarter/sign-off', {
    schema: {
      tags: ['reports'], summary: "Sign off the quarter's current report for the caller's department (reviewers); anchors its hash first if needed",
      params: SignOffParams, body: SignOffBody, response: { 200: ReportBody, ...errors },
    },
  }, async (request) => {
    const user = requireUser(access, request);
    const { quarter } = readQuarterParam(request.params.quarter, false);
    return reports.signOff(user, quarter, request.body?.reportHash);
  });
};
