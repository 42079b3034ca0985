import { describe, expect, it } from 'vitest';
import { appSession, go, saved, shots } from './app.js';

const { fresh } = appSession({ viewport: { width: 1280, height: 900 } });

/** The number of pages of a PDF (its page objects). */
function pages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

describe('the briefing sheet in Chromium', () => {
  it('briefs on the Thai embassy in both languages, and prints on A4 without the app around it', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=briefing&entity=thai-embassy');
    await saved(page);
    const sheet = page.getByRole('article', { name: '駐日タイ王国大使館' });
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('特命全権大使: 大使B（例示）');
    await page.emulateMedia({ media: 'print' });
    // in print only the sheet shows: no tabs, no toolbar
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.briefing-toolbar').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    const ja = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(ja.subarray(0, 4).toString()).toBe('%PDF');
    expect(pages(ja)).toBeGreaterThan(0);
    expect(pages(ja)).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: `${shots}briefing-ja.png`, fullPage: true });

    await go(page, '?view=briefing&entity=thai-embassy&lang=en');
    const en = page.getByRole('article', { name: 'Royal Thai Embassy in Japan' });
    await en.waitFor();
    expect(await en.textContent()).toContain('Ambassador: Ambassador B (illustrative)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
