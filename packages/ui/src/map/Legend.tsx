/** The legend: node colour by entity kind, line colour by link kind. */
import { entityKinds, linkKinds } from '@musubi/core';
import { useI18n } from '../i18n/i18n.js';
import { kindColors, linkColors, linkWidths, TIE_COLOR } from './palette.js';

export function Legend() {
  const { t } = useI18n();
  return (
    <section className="legend" aria-label={t('legend.title')}>
      <h3>{t('legend.nodes')}</h3>
      <ul>
        {entityKinds.map((k) => (
          <li key={k}>
            <span className="dot" style={{ background: kindColors[k] }} aria-hidden="true" />
            {t(`kind.${k}`)}
          </li>
        ))}
      </ul>
      <h3>{t('legend.edges')}</h3>
      <ul>
        {linkKinds.map((k) => (
          <li key={k}>
            <span
              className="line"
              style={{ background: linkColors[k], height: `${linkWidths[k]}px` }}
              aria-hidden="true"
            />
            {t(`link.${k}`)}
          </li>
        ))}
        <li>
          <span className="line" style={{ background: TIE_COLOR, height: '1px' }} aria-hidden="true" />
          {t('legend.ties')}
        </li>
      </ul>
    </section>
  );
}
