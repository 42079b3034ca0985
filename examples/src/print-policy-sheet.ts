/**
 * Prints the prefecture's policy sheet (施策331), computed from the example network's records, as
 * Markdown; with `--xlsx out.xlsx` also writes it as an XLSX workbook; `--lang en` in English.
 *
 * Run it from the repository root:
 *   pnpm --filter @musubi/core build && node --import tsx examples/src/print-policy-sheet.ts --xlsx policy-sheet.xlsx
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Lang, report, reportToMarkdown, reportToXlsx } from '@musubi/core';
import { buildMieNetwork } from './index.js';

const { values } = parseArgs({
  options: { xlsx: { type: 'string' }, lang: { type: 'string', default: 'ja' } },
});
const lang: Lang = values.lang === 'en' ? 'en' : 'ja';

const network = buildMieNetwork();
const sheet = report(network, { fiscalYears: [2016, 2017, 2018, 2019] });
console.log(reportToMarkdown(sheet, { lang }));
console.log(
  lang === 'ja'
    ? '注: 例示ネットワーク（三重県）。FY2016–FY2017 の活動指標の実績値は施策シートと一致するよう例示の記録から算出しています。'
    : 'Note: the Mie example network. FY2016–FY2017 activity actuals are computed from illustrative records chosen to match the policy sheet.',
);
if (values.xlsx) {
  await writeFile(values.xlsx, await reportToXlsx(sheet, { lang }));
  console.log(`${lang === 'ja' ? '書き出しました' : 'Written'}: ${values.xlsx}`);
}
