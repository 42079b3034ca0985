import { MAX_IMPORT_BYTES } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { describeProblem } from './file-messages.js';
import { translator } from './node-translator.js';
import { readChosenFile } from './read-file.js';

describe('reading a chosen file', () => {
  it('reads a file into bytes', async () => {
    const file = new File(['id,kind\n'], 'a.csv');
    const read = await readChosenFile(file);
    expect(read.name).toBe('a.csv');
    expect(new TextDecoder().decode(read.bytes)).toBe('id,kind\n');
  });

  it('refuses a file over the limit without reading it, saying how large it is', async () => {
    let read = false;
    const huge = {
      name: 'huge.csv',
      size: MAX_IMPORT_BYTES + 1,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    const error = await readChosenFile(huge).catch((e: unknown) => e);
    expect(read).toBe(false);
    expect(error).toMatchObject({
      code: 'FORMAT',
      details: { size: MAX_IMPORT_BYTES + 1, max: MAX_IMPORT_BYTES },
    });
    const problem = describeProblem(error as never, 'ja', translator('ja'));
    expect(problem.summary).toBe('ファイルが大きすぎます（50.0 MB、上限 50.0 MB）');
  });
});
