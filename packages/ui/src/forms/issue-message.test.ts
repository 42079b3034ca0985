import { createNetwork, type ErrorIssue, issueFromZod, type Lang } from '@musubi/core';
import { EntityInputSchema } from '@musubi/core/schemas';
import { describe, expect, it } from 'vitest';
import { format, type MessageKey, messages } from '../i18n/i18n.js';
import { refusalIssues } from './field-issues.js';
import { issueMessage } from './issue-message.js';

const t = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) =>
  format(messages[lang][key], vars);
const say = (issue: ErrorIssue, lang: Lang) => issueMessage(issue, lang, t(lang));

describe('a refusal as a sentence', () => {
  it("words a schema's issues from their codes and params, in Japanese and English", () => {
    const parsed = EntityInputSchema.safeParse({ kind: 'person', name: {}, since: '2019-02-30', id: 'a b' });
    const issues = parsed.error?.issues.map((i) => issueFromZod(i)) ?? [];
    const by = (field: string) => issues.find((i) => i.path[0] === field) as ErrorIssue;
    expect(say(by('name'), 'ja')).toBe('日本語名か英語名（または両方）を入力してください');
    expect(say(by('since'), 'ja')).toBe('2019-02-30 は暦にない日付です');
    expect(say(by('since'), 'en')).toBe('2019-02-30 is not a day in the calendar');
    expect(say(by('id'), 'en')).toBe('An id is letters, digits and . _ : -, starting with a letter or digit');
  });

  it('never reads the English message: the same code and params read the same whatever it says', () => {
    const issue = {
      path: ['notes'],
      code: 'too_big',
      message: 'anything at all',
      params: { origin: 'string', maximum: 2000 },
    };
    expect(say(issue, 'ja')).toBe('2000 文字以内で入力してください');
    expect(say({ ...issue, message: 'something else' }, 'en')).toBe('Use at most 2000 characters');
    expect(
      say(
        {
          path: ['date'],
          code: 'custom',
          message: '',
          params: { reason: 'date-impossible', text: '2019-13', problem: 'month' },
        },
        'ja',
      ),
    ).toBe('13 月はありません');
  });

  it("words a refused write from the MusubiError's reason, under the field it names", () => {
    const network = createNetwork({ author: 'staff' });
    network.addEntity({ id: 'amb', kind: 'person', name: { en: 'Ambassador' } });
    let refused: unknown;
    try {
      network.addEntity({ id: 'amb', kind: 'person', name: { en: 'Again' } });
    } catch (error) {
      refused = error;
    }
    const issues = refusalIssues(refused, (path) => (path[0] === 'id' ? 'id' : 'form'));
    expect(issues.id?.map((i) => say(i, 'ja'))).toEqual(['この ID はすでに使われています']);
    expect(issues.id?.map((i) => say(i, 'en'))).toEqual([messages.en['edit.error.idTaken']]);
  });

  it('says an error of a code it has no words for in the user language, keeping the detail', () => {
    const issue = { path: [], code: 'STORAGE', message: 'disk full' };
    expect(say(issue, 'ja')).toBe('保存できませんでした（disk full）');
    expect(say(issue, 'en')).toBe('Could not be stored (disk full)');
  });
});
