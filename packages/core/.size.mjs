import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const b = async (contents) => { const r = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent' }); return gzipSync(r.outputFiles[0].contents).length; };
console.log('main', await b("import * as core from '@musubi/core'; console.log(core);"), '/ 61440', 'small', await b("import { createNetwork } from '@musubi/core'; console.log(createNetwork().search('mie'));"), '/ 56320');
