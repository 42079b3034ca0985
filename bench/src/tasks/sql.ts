import { PGlite } from '@electric-sql/pglite';
import { type Engagement, type Entity, earliestDay, type Link, latestDay } from '@musubi/core';

/**
 * The same records in PostgreSQL (PGlite, in-process), with the indexes a careful developer would
 * add: the side-by-side reference for queries. Rows are loaded with COPY (the fastest way in).
 */
export interface SqlReference {
  readonly db: PGlite;
  readonly trigram: boolean;
  close(): Promise<void>;
}

const SCHEMA = `
create table entities (id text primary key, kind text not null, name_ja text, name_en text, country text, since date);
create table links (id text primary key, kind text not null, source text not null, target text not null);
create table link_events (link_id text not null, type text not null, date text not null, first_day date not null, last_day date not null);
create table engagements (id text primary key, type text not null, date text not null, day date not null, title_en text, programme text);
create table participants (engagement_id text not null, entity_id text not null, role text not null);
`;

const INDEXES = `
create index links_source on links (source);
create index links_target on links (target);
create index link_events_link on link_events (link_id);
create index link_events_day on link_events (first_day);
create index engagements_day on engagements (day);
create index participants_entity on participants (entity_id);
create index participants_engagement on participants (engagement_id);
create index entities_kind on entities (kind);
`;

function csv(value: string | undefined): string {
  if (value === undefined) return '';
  return `"${value.replaceAll('"', '""')}"`;
}

async function copy(db: PGlite, table: string, rows: string[]): Promise<void> {
  const chunk = 200_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const blob = new Blob([`${rows.slice(i, i + chunk).join('\n')}\n`]);
    await db.query(`copy ${table} from '/dev/blob' with (format csv)`, [], { blob });
  }
}

/** Loads the records into a new in-memory PGlite database, with indexes. */
export async function loadSql(
  entities: readonly Entity[],
  links: readonly Link[],
  engagements: readonly Engagement[],
): Promise<SqlReference> {
  let trigram = false;
  let db: PGlite;
  try {
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    db = await PGlite.create({ extensions: { pg_trgm } });
    await db.exec('create extension if not exists pg_trgm');
    trigram = true;
  } catch {
    db = await PGlite.create();
  }
  await db.exec(SCHEMA);
  await copy(
    db,
    'entities',
    entities.map((e) =>
      [
        csv(e.id),
        csv(e.kind),
        csv(e.name.ja),
        csv(e.name.en),
        csv(e.country),
        e.since ? earliestDay(e.since) : '',
      ].join(','),
    ),
  );
  await copy(
    db,
    'links',
    links.map((l) => [csv(l.id), csv(l.kind), csv(l.source), csv(l.target)].join(',')),
  );
  const events: string[] = [];
  for (const l of links)
    for (const ev of l.events)
      events.push([csv(l.id), ev.type, csv(ev.date), earliestDay(ev.date), latestDay(ev.date)].join(','));
  await copy(db, 'link_events', events);
  await copy(
    db,
    'engagements',
    engagements.map((e) =>
      [csv(e.id), e.type, csv(e.date), earliestDay(e.date), csv(e.title.en), csv(e.programme)].join(','),
    ),
  );
  const participants: string[] = [];
  for (const e of engagements)
    for (const p of e.participants) participants.push([csv(e.id), csv(p.entity), p.role].join(','));
  await copy(db, 'participants', participants);
  await db.exec(INDEXES);
  if (trigram) {
    await db.exec(
      'create index entities_name_en_trgm on entities using gin (name_en gin_trgm_ops); create index entities_name_ja_trgm on entities using gin (name_ja gin_trgm_ops);',
    );
  }
  await db.exec('analyze');
  return { db, trigram, close: () => db.close() };
}

/** The SQL that answers each query, with one parameter `$1`. */
export const sqlQueries = {
  neighbors: `select e.* from entities e where e.id in (
      select target from links where source = $1 union select source from links where target = $1)`,
  timeline: `select * from (
      select le.date, le.first_day, 'link-event' as kind, l.id as record, le.type
        from links l join link_events le on le.link_id = l.id where l.source = $1
      union all
      select le.date, le.first_day, 'link-event', l.id, le.type
        from links l join link_events le on le.link_id = l.id where l.target = $1
      union all
      select e.date, e.day, 'engagement', e.id, e.type
        from participants p join engagements e on e.id = p.engagement_id where p.entity_id = $1
      union all
      select en.since::text, en.since, 'entity', en.id, 'since' from entities en where en.id = $1 and en.since is not null
    ) t order by first_day`,
  // the network on a day: the links whose latest event by then starts or continues them, and the
  // number of engagements up to then (Musubi's asOf builds the whole view)
  asOf: `with last as (
      select distinct on (link_id) link_id, type from link_events where first_day <= $1::date
      order by link_id, first_day desc)
    select l.id, l.kind, l.source, l.target, (select count(*) from engagements where day <= $1::date) as engagements
      from last join links l on l.id = last.link_id where last.type in ('signed', 'revised', 'renewed')`,
  search: `select * from entities where name_en ilike '%' || $1 || '%' or name_ja ilike '%' || $1 || '%' limit 50`,
} as const;
