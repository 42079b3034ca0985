import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/src/print-policy-sheet.ts', ...args], {
    cwd: root,
  });

describe('print-policy-sheet, as the README runs it against the built package', () => {
  it('prints the sheet in Japanese with the seed’s actuals, the budgets and the cost per engagement, and writes the XLSX', async () => {
    // `pnpm test` builds before the unit tests; a bare run of this file needs `pnpm --filter @musubi/core build`
    expect(existsSync(`${root}packages/core/dist/index.js`), 'build @musubi/core first').toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'musubi-sheet-')), 'sheet.xlsx');
    const { stdout } = await run(['--xlsx', file]);
    expect(stdout).toContain('## 活動指標');
    expect(stdout).toMatch(
      /\| 33102 海外事業展開の推進 \| 海外事業展開に取り組む企業数[^|]*\| [^|]* \| 15社 \| 15社 \[例示 15\] \| 1\.00 \| 30社 \| 35社 \[例示 35\] \| 1\.17 \|/,
    );
    expect(stdout).toMatch(
      /\| 33101 国際交流の推進 \| [^|]* \| [^|]* \| 3件 \| 3件 \[例示 3\] \| 1\.00 \| 6件 \| 6件 \[例示 6\] \| 1\.00 \|/,
    );
    // new in the sheet's year, as the sheet writes it
    expect(stdout).toContain(
      '| （新）三重・タイ産業人材育成協力事業 | 33102 海外事業展開の推進 | - | - | - | 9,000 |',
    );
    expect(stdout).toContain('| 合計 |  | - | - | 14,920 | 30,520 |');
    expect(stdout).toContain('## 事業の交流1件あたりの費用');
    expect(stdout).toContain('例示（架空）');
    expect(stdout).toContain(`書き出しました: ${file}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('施策シート');
    const rows: unknown[][] = [];
    sheet?.eachRow((r) => {
      // a formula cell (a total, an achievement) is read as the value Excel shows
      rows.push(
        (r.values as unknown[])
          .slice(1)
          .map((v) =>
            v !== null && typeof v === 'object' && 'formula' in v
              ? (v as unknown as { result?: unknown }).result
              : v,
          ),
      );
    });
    // the actuals count illustrative records: the caution comes first
    expect(String(rows[0]?.[0])).toContain('例示（架空）');
    expect(rows[1]).toEqual(['県民指標']);
    expect(rows[2]?.slice(0, 5)).toEqual(['基本事業', '目標項目', '単位', '現状値', '平成28年度']);
    expect(rows.find((r) => r[0] === '33102 海外事業展開の推進')?.slice(4, 10)).toEqual([
      15,
      15,
      1,
      30,
      35,
      35 / 30,
    ]);
    expect(rows.find((r) => r[1] === '（新）三重・タイ産業人材育成協力事業')?.slice(4)).toEqual([
      '-',
      '-',
      '-',
      9000,
    ]);
  });

  it('prints in English, saying which figures are not real', async () => {
    const { stdout } = await run(['--lang', 'en']);
    expect(stdout).toContain('## Activity indicators');
    expect(stdout).toContain('| 33102 Promoting business expansion abroad |');
    expect(stdout).toContain('not real figures');
  });
});
