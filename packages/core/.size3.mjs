import { build } from 'esbuild';
const r = await build({ stdin: { contents: "import * as core from '@musubi/core'; console.log(core);", resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent' });
process.stdout.write(r.outputFiles[0].text);
