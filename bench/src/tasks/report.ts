import type { NetworkView } from '@musubi/core';
import { report } from '@musubi/core/indicators';
import { measure } from '../measure.js';
import { against, type Row } from '../results.js';
import type { SqlReference } from './sql.js';

/** The fiscal years of the generated networks (bench/src/generator.ts). */
const FIRST_FY = 1996;
const fiscalYears = Array.from({ length: 30 }, (_, i) => FIRST_FY + i);

/**
 * The three indicators of the generated policy sheet (bench/src/policy.ts) per fiscal year, each a
 * running total since FY1997, in SQL: joint initiatives (engagements other than courtesy visits with
 * a region or government), municipalities and bodies of Japan newly taking part (counted in the year
 * of their first such engagement), and distinct Japanese companies engaged.
 */
const reportSql = `
  with e as (
    select id, type, case when extract(month from day) >= 4 then extract(year from day)::int
                          else extract(year from day)::int - 1 end as fy
      from engagements where length(date) >= 7),
  joint as (
    select fy, count(*) as n from e
     where e.type <> 'courtesy-visit' and e.fy >= $1 and exists (
       select 1 from participants p join entities en on en.id = p.entity_id
        where p.engagement_id = e.id and en.kind in ('region', 'government'))
     group by fy),
  newly as (
    select first_fy as fy, count(*) as n from (
      select p.entity_id, min(e.fy) as first_fy
        from e join participants p on p.engagement_id = e.id join entities en on en.id = p.entity_id
       where e.type <> 'courtesy-visit' and en.kind in ('municipality', 'organization')
         and en.country = 'JP' and p.role = 'participant'
       group by p.entity_id) t
     where first_fy >= $1 group by first_fy),
  companies as (
    select first_fy as fy, count(*) as n from (
      select p.entity_id, min(e.fy) as first_fy
        from e join participants p on p.engagement_id = e.id join entities en on en.id = p.entity_id
       where en.kind = 'company' and en.country = 'JP' and e.fy >= $1
       group by p.entity_id) t
     group by first_fy)
  select y.fy,
         sum(coalesce(joint.n, 0)) over w as joint,
         sum(coalesce(newly.n, 0)) over w as newly,
         sum(coalesce(companies.n, 0)) over w as companies
    from generate_series($2::int, $3::int) as y(fy)
    left join joint on joint.fy = y.fy left join newly on newly.fy = y.fy left join companies on companies.fy = y.fy
  window w as (order by y.fy) order by y.fy`;

const SQL_NAME = 'PGlite (the three indicators per fiscal year)';

/** The actuals of the report as numbers per indicator, for the check against SQL. */
function actuals(result: ReturnType<typeof report>): number[][] {
  return result.indicators.map((row) => row.years.map((y) => y.actual ?? 0));
}

type SqlRow = { joint: number; newly: number; companies: number };
const sqlParams = [FIRST_FY + 1, FIRST_FY, FIRST_FY + fiscalYears.length - 1];
const sqlActuals = (rows: readonly SqlRow[]): number[][] => [
  rows.map((r) => Number(r.joint)),
  rows.map((r) => Number(r.newly)),
  rows.map((r) => Number(r.companies)),
];

/** The three indicators' actuals for FY1996–FY2025 from Musubi's report (in the generator's order). */
export function indicatorActuals(network: NetworkView): number[][] {
  return actuals(report(network, { fiscalYears }));
}

/** The same actuals from the report's SQL on PGlite. */
export async function sqlIndicatorActuals(sql: SqlReference): Promise<number[][]> {
  return sqlActuals((await sql.db.query<SqlRow>(reportSql, sqlParams)).rows);
}

/**
 * The indicator report for all 30 fiscal years, against the same three indicators in SQL on
 * PGlite. The two answers are compared: a row whose numbers differ says so in its note.
 */
export async function reportRow(network: NetworkView, sql: SqlReference | undefined): Promise<Row> {
  const task = 'indicator report, 3 indicators × 30 fiscal years';
  const pg = sql
    ? await measure(() => sql.db.query<SqlRow>(reportSql, sqlParams), {
        runs: 5,
        warmup: 1,
        gc: 'once',
        budgetMs: 5_000,
        minRuns: 2,
      })
    : undefined;
  // the first report builds the engagement columns (kept up to date by later writes): timed apart
  const began = performance.now();
  report(network, { fiscalYears });
  const firstMs = performance.now() - began;
  const m = await measure(() => report(network, { fiscalYears }), {
    runs: 5,
    warmup: 1,
    gc: 'once',
    budgetMs: 5_000,
    minRuns: 2,
  });
  const { result, ...musubi } = m;
  const notes: string[] = [];
  const ours = actuals(result);
  const last = ours.map((years) => years[years.length - 1] ?? 0);
  notes.push(`first report ${firstMs.toFixed(0)} ms (builds the engagement columns)`);
  notes.push(`FY${fiscalYears.at(-1)} actuals ${last.join(' / ')}`);
  if (pg) {
    const theirs = sqlActuals(pg.result.rows);
    const same = JSON.stringify(theirs) === JSON.stringify(ours);
    notes.push(
      same
        ? 'same numbers as SQL'
        : `DIFFERS from SQL (SQL FY${fiscalYears.at(-1)}: ${theirs.map((t) => t.at(-1)).join(' / ')})`,
    );
  }
  const { result: _r, ...pgM } = pg ?? { result: undefined };
  return {
    group: 'query',
    task,
    musubi,
    references: pg ? [against(SQL_NAME, (pgM as { ms: number }).ms, musubi.ms)] : [],
    note: notes.join('; '),
  };
}
