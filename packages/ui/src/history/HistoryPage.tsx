/**
 * The history view (変更履歴): who changed what, when — the change log, newest first, narrowed by
 * author, kind of record, a record, words or a time, each change with its effects and the fields
 * it changed. "As recorded on" replays the log up to a moment of record time and shows what our
 * records said then beside what they say now (the log's other time axis, beside the time slider's
 * valid time).
 */
import {
  type Change,
  type Collection,
  collections,
  type Effect,
  formatFiscalYear,
  type Lang,
} from '@musubi/core';
import { useMemo, useState } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { describeChange, operationWords } from './describe-change.js';
import { historyLogOf } from './history-index.js';
import { type EffectRow, type HistoryFilter, historyRows } from './history-rows.js';
import {
  listWords,
  type ReadableField,
  type ReadingWords,
  readEffect,
  recordNameOf,
} from './readable-fields.js';
import './history.css';

const PAGE = 50;
/** Effects listed before "show all": loading a whole network is one change of hundreds. */
const EFFECTS_SHOWN = 20;

function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}

/** A `datetime-local` value (local time, no zone) as an ISO instant, or undefined when empty or bad. */
function localToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A figure has no name of its own: its indicator's and its fiscal year. */
function effectName(effect: EffectRow, record: Record<string, unknown>, words: ReadingWords): string {
  if (effect.collection !== 'figure') return effect.name;
  const indicator = words.nameOf(String(record.indicator)) ?? '';
  const fy = Number(record.fiscalYear);
  return Number.isInteger(fy) ? `${indicator} ${formatFiscalYear(fy, { lang: words.lang })}` : indicator;
}

function ListCell({ field, side }: { field: ReadableField; side: 'before' | 'after' }) {
  const { t, lang } = useI18n();
  const list = side === 'before' ? field.removed : field.added;
  if (list.length === 0) return <>{field[side] === '' ? '—' : field[side]}</>;
  return (
    <>
      <span className="muted">{t(side === 'before' ? 'history.removed' : 'history.added')}: </span>
      {listWords(list, lang)}
    </>
  );
}

function EffectLine({
  effect,
  source,
  words,
  onOpen,
}: {
  effect: EffectRow;
  source: Effect;
  words: ReadingWords;
  onOpen: (id: string) => void;
}) {
  const { t } = useI18n();
  const { network } = useNetwork();
  const fields = readEffect(source, words);
  const record = (source.type === 'update' ? source.after : source.record) as unknown as Record<
    string,
    unknown
  >;
  const name = effectName(effect, record, words);
  const openable = effect.collection === 'entity' && network.entity(effect.recordId) !== undefined;
  const oneSide = effect.type !== 'update';
  return (
    <li>
      <span className={`history-effect history-effect-${effect.type}`}>
        {t(`history.effect.${effect.type}`)}
      </span>{' '}
      <span className="muted">{t(`history.collection.${effect.collection}`)}</span>{' '}
      {openable ? (
        <button type="button" className="link" onClick={() => onOpen(effect.recordId)}>
          {name}
        </button>
      ) : (
        <span>{name}</span>
      )}
      {fields.length > 0 && (
        <table className="history-fields">
          <thead>
            <tr>
              <th scope="col">{t('history.field')}</th>
              {oneSide ? (
                <th scope="col">{t('history.value')}</th>
              ) : (
                <>
                  <th scope="col">{t('history.before')}</th>
                  <th scope="col">{t('history.after')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.key}>
                <th scope="row">{f.label}</th>
                {oneSide ? (
                  <td>
                    {f.added.length + f.removed.length > 0
                      ? listWords([...f.added, ...f.removed], words.lang)
                      : f.after || f.before}
                  </td>
                ) : (
                  <>
                    <td>
                      <ListCell field={f} side="before" />
                    </td>
                    <td>
                      <ListCell field={f} side="after" />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

function ChangeItem({
  change,
  effects,
  words,
  onOpen,
}: {
  change: Change;
  effects: EffectRow[];
  words: ReadingWords;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const [all, setAll] = useState(false);
  const what = describeChange(change, network, lang);
  const shown = all ? effects : effects.slice(0, EFFECTS_SHOWN);
  const kind =
    change.operation === 'undo'
      ? t('history.undone')
      : change.operation === 'redo'
        ? t('history.redone')
        : '';
  return (
    <li className="history-change">
      <details>
        <summary>
          <time dateTime={change.recordedAt}>{formatTime(change.recordedAt, lang)}</time>{' '}
          <span className="history-author">{change.author}</span>{' '}
          {kind !== '' && <span className="history-kind">{kind}</span>} <span>{what}</span>{' '}
          <span className="muted">{t('history.effects', { n: effects.length })}</span>
        </summary>
        <p className="muted">
          {t('history.changeNumber', { seq: change.seq })} · {operationWords(change.operation, lang)}
        </p>
        <ul className="history-effects">
          {shown.map((effect, i) => (
            <EffectLine
              // effects of one change may touch one record twice; their order is their identity
              // biome-ignore lint/suspicious/noArrayIndexKey: the order of effects never changes
              key={i}
              effect={effect}
              source={change.effects[i] as Effect}
              words={words}
              onOpen={onOpen}
            />
          ))}
        </ul>
        {shown.length < effects.length && (
          <button type="button" onClick={() => setAll(true)}>
            {t('history.allEffects', { n: effects.length })}
          </button>
        )}
      </details>
    </li>
  );
}

function RecordedAt({ at }: { at: string }) {
  const { t } = useI18n();
  const { network, version } = useNetwork();
  // what `network.asRecordedAt(at)` counts, from the history index (not the log replayed on every change)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const counts = useMemo(() => {
    const past = historyLogOf(network).recordedCounts(at);
    return {
      past: { entities: past.entity, links: past.link, engagements: past.engagement },
      now: network.counts(),
    };
  }, [network, version, at]);
  return (
    <table className="history-counts" aria-label={t('history.recordedAt.table')}>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t('history.recordedAt.then')}</th>
          <th scope="col">{t('history.recordedAt.now')}</th>
        </tr>
      </thead>
      <tbody>
        {(['entities', 'links', 'engagements'] as const).map((k) => (
          <tr key={k}>
            <th scope="row">{t(`history.count.${k}`)}</th>
            <td>{counts.past[k]}</td>
            <td>{counts.now[k]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistoryPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const [author, setAuthor] = useState('');
  const [collection, setCollection] = useState<Collection | ''>('');
  const [text, setText] = useState('');
  const [sinceLocal, setSinceLocal] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const since = localToIso(sinceLocal);

  // the log read by position, its filters answered by an index kept up to date change by change
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const log = useMemo(() => historyLogOf(network), [network, version]);
  const authors = log.authors;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const words = useMemo<ReadingWords>(() => {
    const names = new Map<string, string | undefined>();
    return {
      lang,
      t,
      nameOf: (id) => {
        if (!names.has(id)) names.set(id, recordNameOf(network, id, lang));
        return names.get(id);
      },
    };
  }, [network, version, lang, t]);
  const filter = useMemo<HistoryFilter>(
    () => ({
      ...(author !== '' && { author }),
      ...(collection !== '' && { collection }),
      ...(text.trim() !== '' && { text }),
      ...(since !== undefined && { since }),
    }),
    [author, collection, text, since],
  );
  const { rows, total } = useMemo(
    () =>
      historyRows(
        log,
        filter,
        lang,
        {
          describe: (c) => describeChange(c, network, lang),
          namesOf: (id) => {
            const name = network.entity(id)?.name;
            return name ? [name.ja ?? '', name.en ?? ''] : [];
          },
        },
        limit,
      ),
    [log, filter, lang, limit, network],
  );

  return (
    <div className="history-page">
      <h2>{t('history.title')}</h2>
      <p className="muted">{t('history.intro', { n: log.length })}</p>
      <form
        className="history-filters"
        aria-label={t('history.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {t('history.author')}
          <select value={author} onChange={(e) => setAuthor(e.target.value)}>
            <option value="">{t('history.all')}</option>
            {authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.kind')}
          <select value={collection} onChange={(e) => setCollection(e.target.value as Collection | '')}>
            <option value="">{t('history.all')}</option>
            {collections.map((c) => (
              <option key={c} value={c}>
                {t(`history.collection.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.text')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          {t('history.since')}
          <input
            type="datetime-local"
            step={1}
            value={sinceLocal}
            onChange={(e) => setSinceLocal(e.target.value)}
          />
        </label>
      </form>
      {since !== undefined && (
        <section aria-label={t('history.recordedAt.title')}>
          <h3>{t('history.recordedAt.title')}</h3>
          <p className="muted">{t('history.recordedAt.explain', { at: formatTime(since, lang) })}</p>
          <RecordedAt at={since} />
        </section>
      )}
      <p aria-live="polite">{t('history.shown', { shown: rows.length, total })}</p>
      {rows.length === 0 ? (
        <p>{t('history.none')}</p>
      ) : (
        <ol className="history-list" aria-label={t('history.list')}>
          {rows.map((row) => (
            <ChangeItem
              key={row.change.id}
              change={row.change}
              effects={row.effects}
              words={words}
              onOpen={onOpen}
            />
          ))}
        </ol>
      )}
      {rows.length < total && (
        <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
          {t('history.more', { n: Math.min(PAGE, total - rows.length) })}
        </button>
      )}
    </div>
  );
}
