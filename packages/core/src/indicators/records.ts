import type { StoredRecord } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import type { Id } from '../model/ids.js';
import type {
  Figure,
  FigureInput,
  Indicator,
  IndicatorInput,
  Programme,
  ProgrammeInput,
} from '../model/indicators.js';
import type { Network } from '../network/network.js';
import type { FiscalYear } from '../time/fiscal-year.js';
import type { NetworkView } from '../views/view.js';

/** Adds (or replaces, by id) a programme (主な事業). */
export function addProgramme(network: Network, input: ProgrammeInput): Programme {
  return network.putRecord<Programme>('programme', input, 'addProgramme');
}

/** Changes fields of a programme; the result is validated as a whole. */
export function updateProgramme(
  network: Network,
  id: Id,
  patch: Partial<Omit<ProgrammeInput, 'id'>>,
): Programme {
  const before = requireRecord<Programme>(network, 'programme', id);
  return network.putRecord<Programme>('programme', { ...before, ...patch, id }, 'updateProgramme');
}

/** Removes a programme; refused while engagements or indicators refer to it. */
export function removeProgramme(network: Network, id: Id): Programme {
  return network.removeRecord<Programme>('programme', id, 'removeProgramme');
}

/** The programmes, ordered by basic programme code, then by when they were added. */
export function programmes(view: NetworkView): Programme[] {
  return view
    .records<Programme>('programme')
    .slice()
    .sort((a, b) => a.basicProgramme.code.localeCompare(b.basicProgramme.code));
}

/** Adds (or replaces, by id) an indicator definition. */
export function addIndicator(network: Network, input: IndicatorInput): Indicator {
  return network.putRecord<Indicator>('indicator', input, 'addIndicator');
}

/** Changes fields of an indicator (targets, measure…); the result is validated as a whole. */
export function updateIndicator(
  network: Network,
  id: Id,
  patch: Partial<Omit<IndicatorInput, 'id'>>,
): Indicator {
  const before = requireRecord<Indicator>(network, 'indicator', id);
  return network.putRecord<Indicator>('indicator', { ...before, ...patch, id }, 'updateIndicator');
}

/** Removes an indicator; refused while manual figures refer to it. */
export function removeIndicator(network: Network, id: Id): Indicator {
  return network.removeRecord<Indicator>('indicator', id, 'removeIndicator');
}

/** The indicators: outcome (県民指標) first, then activity indicators by basic programme code. */
export function indicators(view: NetworkView): Indicator[] {
  return view
    .records<Indicator>('indicator')
    .slice()
    .sort(
      (a, b) =>
        (a.kind === 'outcome' ? 0 : 1) - (b.kind === 'outcome' ? 0 : 1) ||
        (a.basicProgramme ?? '').localeCompare(b.basicProgramme ?? ''),
    );
}

/**
 * Records a manual figure: an indicator's value for a fiscal year from before Musubi was used. One
 * figure per indicator and year: another one for the same year is refused with CONFLICT (pass the
 * existing figure's id to replace it).
 */
export function recordFigure(network: Network, input: FigureInput): Figure {
  const { id, indicator, fiscalYear } = (input ?? {}) as Partial<FigureInput>;
  const clash = figures(network, indicator).find((f) => f.fiscalYear === fiscalYear && f.id !== id);
  if (indicator !== undefined && clash) {
    throw new MusubiError(
      'CONFLICT',
      `indicator ${indicator} already has a figure for fiscal year ${fiscalYear} (${clash.id}); pass its id to replace it`,
      { path: ['fiscalYear'], details: { indicator, fiscalYear, existing: clash.id } },
    );
  }
  return network.putRecord<Figure>('figure', input, 'recordFigure');
}

/** Removes a manual figure. */
export function removeFigure(network: Network, id: Id): Figure {
  return network.removeRecord<Figure>('figure', id, 'removeFigure');
}

/** The manual figures, optionally of one indicator. */
export function figures(view: NetworkView, indicator?: Id): Figure[] {
  const all = view.records<Figure>('figure');
  return indicator === undefined ? all : all.filter((f) => f.indicator === indicator);
}

/** The manual figure of an indicator for a fiscal year, if one was recorded. */
export function figureFor(view: NetworkView, indicator: Id, fy: FiscalYear): Figure | undefined {
  return view.records<Figure>('figure').find((f) => f.indicator === indicator && f.fiscalYear === fy);
}

function requireRecord<T extends StoredRecord>(
  network: Network,
  collection: 'programme' | 'indicator',
  id: Id,
): T {
  const found = network.record<T>(collection, id);
  if (!found) {
    throw new MusubiError('NOT_FOUND', `no ${collection} with id ${id}`, { path: ['id'], details: { id } });
  }
  return found;
}
