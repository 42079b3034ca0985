/**
 * Work on a recorded link: choose it (an entity, then one of its links), then add an event to its
 * history, edit its title, tags and notes, or remove it.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { Notice } from './FormParts.js';
import { LinkChooser } from './LinkChooser.js';
import { LinkEventForm } from './LinkEventForm.js';
import { LinkPatchForm } from './LinkPatchForm.js';

export function LinkWork({ onDone }: { onDone: (notice: Notice) => void }) {
  const { t } = useI18n();
  const [linkId, setLinkId] = useState<string | undefined>();
  const [from, setFrom] = useState<string | undefined>();
  return (
    <div className="edit-link-work">
      <fieldset>
        <legend>{t('edit.link.chooseTitle')}</legend>
        <LinkChooser
          entityLabel={t('edit.link.chooseEntity')}
          linkLabel={t('edit.link.choose')}
          value={linkId}
          onChange={setLinkId}
          onEntity={setFrom}
        />
      </fieldset>
      {linkId !== undefined && (
        <>
          <LinkEventForm key={`event-${linkId}`} linkId={linkId} from={from} onDone={onDone} />
          <LinkPatchForm key={`patch-${linkId}`} linkId={linkId} from={from} onDone={onDone} />
        </>
      )}
    </div>
  );
}
