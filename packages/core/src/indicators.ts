/**
 * @musubi/core/indicators — the policy sheet: its programmes, indicators and figures (records of the
 * network, written and read by these functions), the measures that count actuals from the
 * engagements, and the report of target, actual and achievement by fiscal year with the budgets.
 * Kept out of the main entry: a page that only explores the network never uses them.
 */

export type { MeasureRecords } from './indicators/measure.js';
export { evaluateMeasure, measureRecords } from './indicators/measure.js';
export {
  addIndicator,
  addProgramme,
  figureFor,
  figures,
  indicators,
  programmes,
  recordFigure,
  removeFigure,
  removeIndicator,
  removeProgramme,
  updateIndicator,
  updateProgramme,
} from './indicators/records.js';
export type {
  ActualSource,
  BudgetRow,
  IndicatorRow,
  IndicatorStatus,
  IndicatorYear,
  PolicyReport,
  ProgrammeCost,
  ReportOptions,
} from './indicators/report.js';
export { budgetByFiscalYear, ILLUSTRATIVE_TAG, programmeCosts, report } from './indicators/report.js';
export type {
  BasicProgramme,
  Figure,
  FigureInput,
  Indicator,
  IndicatorInput,
  IndicatorKind,
  IndicatorUnit,
  Measure,
  MeasureFilter,
  Programme,
  ProgrammeInput,
} from './model/indicators.js';
export { indicatorKinds, indicatorUnits } from './model/indicators.js';
