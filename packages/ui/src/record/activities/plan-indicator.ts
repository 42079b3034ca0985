/**
 * What the "new indicator" form writes (`addIndicator`): a name, a unit, outcome or activity
 * (with its basic programme), and a measure the form can say in a few choices — count engagements
 * or distinct participants, per year or cumulative from a year, filtered by engagement types,
 * participant kinds, programmes, and "first time only". Targets are then set with the targets form.
 */
import type { EngagementType, EntityKind, Network } from '@musubi/core';
import {
  addIndicator,
  type Indicator,
  type IndicatorInput,
  type IndicatorKind,
  type IndicatorUnit,
  type Measure,
} from '@musubi/core/indicators';
import { IndicatorInputSchema } from '@musubi/core/schemas';
import {
  addIssue,
  bilingual,
  type FieldIssues,
  mapIssues,
  ownIssue,
  type Plan,
} from '../../forms/field-issues.js';

export interface IndicatorValues {
  nameJa: string;
  nameEn: string;
  unit: IndicatorUnit;
  kind: IndicatorKind;
  basicProgramme: string;
  aggregate: Measure['aggregate'];
  /** The first fiscal year a cumulative total counts; may be empty. */
  since: string;
  count: Measure['count'];
  engagementTypes: EngagementType[];
  entityKinds: EntityKind[];
  programmes: string[];
  firstTimeOnly: boolean;
}

export const emptyIndicator: IndicatorValues = {
  nameJa: '',
  nameEn: '',
  unit: '件',
  kind: 'activity',
  basicProgramme: '',
  aggregate: 'cumulative',
  since: '',
  count: 'engagements',
  engagementTypes: [],
  entityKinds: [],
  programmes: [],
  firstTimeOnly: false,
};

/** Checks the form's values and plans `addIndicator`. */
export function planIndicator(network: Network, values: IndicatorValues): Plan<Indicator> {
  const issues: FieldIssues = {};
  const sinceText = values.since.normalize('NFKC').trim();
  let since: number | undefined;
  if (values.aggregate === 'cumulative' && sinceText !== '') {
    since = Number(sinceText);
    if (!/^\d{4}$/.test(sinceText) || since < 1900 || since > 2999) {
      addIssue(issues, 'since', ownIssue('since', 'form.error.fiscalYear', 'a fiscal year'));
    }
  }
  for (const id of values.programmes) {
    if (network.record('programme', id) === undefined) {
      addIssue(
        issues,
        'programmes',
        ownIssue('programmes', 'activities.error.unknownProgramme', `no programme ${id}`),
      );
    }
  }
  const basic = values.basicProgramme.normalize('NFKC').trim();
  const input: IndicatorInput = {
    name: bilingual(values.nameJa, values.nameEn),
    unit: values.unit,
    kind: values.kind,
    ...(values.kind === 'activity' || basic !== '' ? { basicProgramme: basic } : {}),
    measure: {
      aggregate: values.aggregate,
      ...(since === undefined || issues.since ? {} : { since }),
      count: values.count,
      filter: {
        ...(values.engagementTypes.length > 0 ? { engagementTypes: values.engagementTypes } : {}),
        ...(values.entityKinds.length > 0 ? { entityKinds: values.entityKinds } : {}),
        ...(values.programmes.length > 0 ? { programmes: values.programmes } : {}),
        ...(values.firstTimeOnly ? { firstTimeOnly: true } : {}),
      },
    },
    targets: {},
  };
  if (values.kind === 'activity' && basic === '') {
    addIssue(issues, 'basicProgramme', {
      path: ['basicProgramme'],
      code: 'invalid_type',
      message: 'received undefined',
    });
  } else {
    const parsed = IndicatorInputSchema.safeParse(input);
    if (!parsed.success) {
      mapIssues(parsed.error.issues, issues, ([head, sub, leaf]) => {
        if (head === 'measure')
          return sub === 'filter' && leaf === 'firstTimeOnly' ? 'firstTimeOnly' : 'measure';
        return head === 'name' || head === 'basicProgramme' ? head : 'form';
      });
    }
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  return { ok: true, write: () => addIndicator(network, input) };
}
