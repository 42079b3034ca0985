/** One link with its dated events (signed, revised, ended…) drawn as a small timeline. */
import { type Link, sortedEvents } from '@musubi/core';
import { useI18n } from '../i18n/i18n.js';
import { linkColors } from '../map/palette.js';

export function LinkHistory({
  link,
  otherName,
  onOpen,
}: {
  link: Link;
  otherName: string;
  onOpen: () => void;
}) {
  const { t, lang } = useI18n();
  const title = link.title
    ? lang === 'ja'
      ? (link.title.ja ?? link.title.en)
      : (link.title.en ?? link.title.ja)
    : undefined;
  return (
    <li className="link-history">
      <div>
        <span className="line" style={{ background: linkColors[link.kind] }} aria-hidden="true" />
        <strong>{t(`link.${link.kind}`)}</strong> —{' '}
        <button type="button" className="linklike" onClick={onOpen}>
          {otherName}
        </button>
        {title && <div className="muted">{title}</div>}
      </div>
      {link.events.length > 0 && (
        <ol className="timeline">
          {sortedEvents(link.events).map((e) => (
            <li key={e.id} className={`event event-${e.type}`}>
              <time dateTime={e.date}>{e.date}</time> {t(`event.${e.type}`)}
              {e.note && <div className="muted">{e.note}</div>}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
