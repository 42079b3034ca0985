/**
 * Prints the prefecture's policy sheet (施策331), computed from the example network's records, as
 * Markdown (with each programme's cost per engagement); with `--xlsx out.xlsx` also writes it as an XLSX workbook; `--lang en` in English.
 *
 * Run it from the repository root:
 *   pnpm --filter @musubi/core build && node --import tsx examples/src/print-policy-sheet.ts --xlsx policy-sheet.xlsx
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Lang } from '@musubi/core';
import { report } from '@musubi/core/indicators';
import { reportToMarkdown } from '@musubi/core/markdown';
import { reportToXlsx } from '@musubi/core/xlsx';
import { buildMieNetwork } from './index.js';

const { values } = parseArgs({
  options: { xlsx: { type: 'string' }, lang: { type: 'string', default: 'ja' } },
});
const lang: Lang = values.lang === 'en' ? 'en' : 'ja';

const network = buildMieNetwork();
const sheet = report(network, { fiscalYears: [2016, 2017, 2018, 2019] });
console.log(reportToMarkdown(sheet, { lang }));

const ja = lang === 'ja';
console.log(
  ja
    ? '注: 三重県の例示ネットワークです。目標値と予算額は施策シート（平成31年度）のとおりです。実績値はすべて例示（架空）の記録から算出しており、施策シートと一致するのは活動指標の平成28・29年度の実績値だけです。県民指標と平成30年度以降の実績値、事業別の件数は実際の数値ではありません。'
    : 'Note: the Mie example network. Targets and budgets are those of the FY2019 policy sheet. Every actual is computed from illustrative records; only the FY2016–FY2017 actuals of the activity indicators match the sheet. The outcome indicator, the actuals from FY2018 on and the engagements per programme are not real figures.',
);
if (values.xlsx) {
  await writeFile(values.xlsx, await reportToXlsx(sheet, { lang }));
  console.log(`${lang === 'ja' ? '書き出しました' : 'Written'}: ${values.xlsx}`);
}
