/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: self time per
 * function and per package (a node_modules package, Node's internals, a folder of our app,
 * or V8's own entries such as the garbage collector), idle time left out.
 */
import { readFileSync } from 'node:fs';

/** The package or app folder a script belongs to. */
function owner(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node: internals';
  const app = /dist\/src\/([^/]+)/.exec(url);
  if (app) return `app: ${app[1]}`;
  return url.replace(/^file:\/\/.*\/(bench|src)\//, '$1/');
}

function shortUrl(url) {
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, 'dist/');
}

/**
 * @param window when given, only samples in it count: `{ fromEndMs, toEndMs }`, milliseconds
 *   before the profile's end (the process's exit), so that start-up and shutdown are left out
 */
export function summarizeProfile(file, { top = 25, window } = {}) {
  const { nodes, samples, timeDeltas, startTime, endTime } = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const from = window ? endTime - window.fromEndMs * 1000 : -Infinity;
  const to = window ? endTime - window.toEndMs * 1000 : Infinity;
  const selfMicros = new Map();
  let time = startTime;
  samples.forEach((id, i) => {
    const delta = Math.max(0, timeDeltas[i] ?? 0);
    time += delta;
    if (time >= from && time <= to) selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });
  const functions = new Map();
  const packages = new Map();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === '(idle)') continue;
    total += micros;
    const name = `${functionName || '(anonymous)'}${url ? ` ${shortUrl(url)}:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const pkg = owner(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const ranked = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, share: micros / total, ms: micros / 1000 }));
  return { busyMs: total / 1000, functions: ranked(functions), packages: ranked(packages) };
}

export function formatSummary({ busyMs, functions, packages }) {
  const row = ({ name, share, ms }) =>
    `  ${(share * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}`;
  return [
    `busy ${busyMs.toFixed(0)} ms (idle left out)`,
    'self time by package:',
    ...packages.map(row),
    'self time by function:',
    ...functions.map(row),
  ].join('\n');
}
