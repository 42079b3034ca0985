/**
 * Incremental search (Japanese or English, the core's `search`: names, and a person's posts), driven by the keyboard:
 * type, ↑/↓ to choose, Enter to open, Escape to clear. An ARIA combobox.
 */
import { type Entity, type Lang, type NetworkView, nameIn } from '@musubi/core';
import { useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';

export function SearchBox({ view, onFound }: { view: NetworkView; onFound: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const results: Entity[] = useMemo(
    () => (text.trim() === '' ? [] : view.search(text, { limit: 8 })),
    [view, text],
  );
  const choose = (entity: Entity | undefined) => {
    if (!entity) return;
    onFound(entity.id);
    setText('');
  };
  return (
    <div className="search">
      <input
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') choose(results[active]);
          else if (e.key === 'Escape') setText('');
          else return;
          e.preventDefault();
        }}
      />
      {text.trim() !== '' && (
        <div id={listId} role="listbox" aria-label={t('search.results', { count: results.length })}>
          {results.length === 0 && <p className="muted">{t('search.noResults')}</p>}
          {results.map((e, i) => (
            <div
              key={e.id}
              tabIndex={-1}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(ev) => {
                ev.preventDefault();
                choose(e);
              }}
            >
              {nameIn(e.name, lang)} <span className="muted">{t(`kind.${e.kind}`)}</span>
              {postOf(view, e.id, lang) && <span className="post muted">{postOf(view, e.id, lang)}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** A person's latest post, as "title, where" (特命全権大使、駐日タイ王国大使館), to tell people apart. */
function postOf(view: NetworkView, id: string, lang: Lang): string | undefined {
  const post = view
    .roles(id)
    .filter((r) => r.person === id)
    .at(-1);
  if (!post) return undefined;
  const at = view.entity(post.entity);
  const where = at ? nameIn(at.name, lang) : post.entity;
  return post.title ? `${nameIn(post.title, lang)}${lang === 'ja' ? '、' : ', '}${where}` : where;
}
