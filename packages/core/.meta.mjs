import { build } from 'esbuild';
const r = await build({ stdin: { contents: "import * as core from '@musubi/core'; console.log(core);", resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent', metafile: true });
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k, v]) => [k, v.bytesInOutput]).sort((a, b) => b[1] - a[1]);
for (const [k, v] of rows.slice(0, 40)) console.log(String(v).padStart(7), k);
