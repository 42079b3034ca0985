/**
 * The table view beside the two maps: the entities, links and engagements they show, under the
 * same filters and point in time, as sortable and filterable tables. It is the text alternative of
 * the maps' canvas: everything drawn there can be read, sorted and opened here from the keyboard.
 */
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { VisibleNetwork } from '../filters/visible.js';
import { useI18n } from '../i18n/i18n.js';
import { DataTable } from './DataTable.js';
import {
  type EngagementRow,
  type EntityRow,
  engagementRows,
  entityRows,
  type LinkRow,
  linkRows,
  type TableKind,
  tableKinds,
} from './rows.js';
import './table.css';

export interface TableViewProps {
  visible: VisibleNetwork;
  table: TableKind;
  onTable: (table: TableKind) => void;
  /** Opens an entity's panel. */
  onOpen: (id: string) => void;
}

export function TableView({ visible, table, onTable, onOpen }: TableViewProps) {
  const { t, lang } = useI18n();
  const entities = useMemo(
    () => (table === 'entities' ? entityRows(visible, lang) : []),
    [visible, lang, table],
  );
  const links = useMemo(() => (table === 'links' ? linkRows(visible, lang) : []), [visible, lang, table]);
  const engagements = useMemo(
    () => (table === 'engagements' ? engagementRows(visible, lang) : []),
    [visible, lang, table],
  );
  const entityColumns = useMemo<ColumnDef<EntityRow, string | number>[]>(
    () => [
      { id: 'name', header: t('table.name'), accessorFn: (r) => r.name },
      { id: 'kind', header: t('table.kind'), accessorFn: (r) => t(`kind.${r.kind}`) },
      { id: 'country', header: t('table.country'), accessorFn: (r) => r.country },
      { id: 'links', header: t('table.links'), accessorFn: (r) => r.links, sortDescFirst: true },
      {
        id: 'engagements',
        header: t('table.engagementsInYear'),
        accessorFn: (r) => r.engagements,
        sortDescFirst: true,
      },
    ],
    [t],
  );
  const linkColumns = useMemo<ColumnDef<LinkRow, string>[]>(
    () => [
      { id: 'kind', header: t('table.linkKind'), accessorFn: (r) => t(`link.${r.kind}`) },
      { id: 'source', header: t('table.source'), accessorFn: (r) => r.sourceName },
      { id: 'target', header: t('table.target'), accessorFn: (r) => r.targetName },
      { id: 'since', header: t('table.since'), accessorFn: (r) => r.since },
      { id: 'status', header: t('table.status'), accessorFn: (r) => t(`table.status.${r.status}`) },
    ],
    [t],
  );
  const engagementColumns = useMemo<ColumnDef<EngagementRow, string>[]>(
    () => [
      { id: 'date', header: t('table.date'), accessorFn: (r) => r.date },
      { id: 'type', header: t('table.type'), accessorFn: (r) => t(`engagement.${r.type}`) },
      { id: 'title', header: t('table.title'), accessorFn: (r) => r.title },
      { id: 'participants', header: t('table.participants'), accessorFn: (r) => r.participants },
    ],
    [t],
  );
  return (
    <section className="table-view" aria-labelledby="table-view-title">
      <h2 id="table-view-title" className="visually-hidden">
        {t('table.title.view')}
      </h2>
      <nav className="table-kinds" aria-label={t('table.kinds')}>
        {tableKinds.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-current={table === kind ? 'page' : undefined}
            onClick={() => onTable(kind)}
          >
            {t(`table.kind.${kind}`)}
          </button>
        ))}
      </nav>
      {table === 'entities' && (
        <DataTable
          key="entities"
          caption={t('table.kind.entities')}
          rows={entities}
          columns={entityColumns}
          rowId={(r) => r.id}
          onOpen={(r) => onOpen(r.id)}
          testId="table-entities"
        />
      )}
      {table === 'links' && (
        <DataTable
          key="links"
          caption={t('table.kind.links')}
          rows={links}
          columns={linkColumns}
          rowId={(r) => r.id}
          onOpen={(r) => onOpen(r.opens)}
          testId="table-links"
        />
      )}
      {table === 'engagements' && (
        <DataTable
          key="engagements"
          caption={t('table.kind.engagements')}
          rows={engagements}
          columns={engagementColumns}
          rowId={(r) => r.id}
          onOpen={(r) => r.opens !== undefined && onOpen(r.opens)}
          testId="table-engagements"
        />
      )}
    </section>
  );
}
