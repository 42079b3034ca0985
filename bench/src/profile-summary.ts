/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function, heaviest first.
 * Usage: `pnpm exec tsx bench/src/profile-summary.ts <file.cpuprofile> [top]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const where = url.includes('/zod/')
    ? 'zod'
    : url.includes('graphology')
      ? 'graphology'
      : url.split('/').slice(-2).join('/') || functionName;
  byFile.set(where, (byFile.get(where) ?? 0) + dt);
});
const top = Number(topArg ?? 25);
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(
    `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
  );
}
console.log('by file:');
for (const [key, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(
    `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
  );
}
