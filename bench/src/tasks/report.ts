import type { NetworkView } from '@musubi/core';
import * as core from '@musubi/core';
import { measure } from '../measure.js';
import { against, type Row } from '../results.js';
import type { SqlReference } from './sql.js';

/** The fiscal years of the generated networks. */
const fiscalYears = Array.from({ length: 30 }, (_, i) => 1996 + i);

/**
 * The policy sheet's two activity counts per fiscal year in SQL: engagements with an overseas
 * government or region (joint initiatives), and distinct companies engaged, each with its running
 * total (累計).
 */
const reportSql = `
  with per_year as (
    select case when extract(month from e.day) >= 4 then extract(year from e.day) else extract(year from e.day) - 1 end as fy,
           count(distinct e.id) filter (where en.kind in ('government', 'region')) as joint,
           count(distinct p.entity_id) filter (where en.kind = 'company') as companies
      from engagements e join participants p on p.engagement_id = e.id join entities en on en.id = p.entity_id
     group by 1)
  select fy, joint, sum(joint) over (order by fy) as joint_cumulative,
         companies, sum(companies) over (order by fy) as companies_cumulative
    from per_year where fy = any($1::int[]) order by fy`;

type ReportFn = (view: NetworkView, options: { fiscalYears: number[] }) => unknown;

/** The indicator report for all fiscal years, against the same counts in SQL on PGlite. */
export async function reportRow(network: NetworkView, sql: SqlReference | undefined): Promise<Row> {
  const pg = sql
    ? await measure(() => sql.db.query(reportSql, [fiscalYears]), {
        runs: 5,
        warmup: 1,
        gc: 'once',
        budgetMs: 5_000,
      })
    : undefined;
  const report = (core as unknown as Record<string, unknown>).report as ReportFn | undefined;
  const refs = (ms: number) =>
    pg ? [against('PGlite (two counts per fiscal year, cumulative)', pg.ms, ms)] : [];
  if (typeof report !== 'function') {
    return {
      group: 'query',
      task: 'indicator report, 30 fiscal years',
      references: pg
        ? [{ name: 'PGlite (two counts per fiscal year, cumulative)', ms: pg.ms, ratio: Number.NaN }]
        : [],
      note: 'skipped: core exports no report() yet',
    };
  }
  try {
    const m = await measure(() => report(network, { fiscalYears }), {
      runs: 5,
      warmup: 1,
      gc: 'once',
      budgetMs: 5_000,
    });
    const { result: _r, ...musubi } = m;
    return { group: 'query', task: 'indicator report, 30 fiscal years', musubi, references: refs(musubi.ms) };
  } catch (error) {
    return {
      group: 'query',
      task: 'indicator report, 30 fiscal years',
      references: refs(Number.NaN),
      note: `failed: ${(error as Error).message}`,
    };
  }
}
