/**
 * docs/benchmarks.md: what was measured, on what machine, with which command, the tables and
 * ratios, and the notes of the run; then bench/analysis.md (written by hand from profiles),
 * so that a new run keeps the analysis. Formatted with the project's Prettier settings.
 *
 * It is rendered from a run record (also saved as JSON, see main.mjs), so that it can be
 * rendered again, after editing the analysis, without measuring again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as prettier from 'prettier';
import { formatRate } from './rounds.mjs';

const ANALYSIS = resolve(import.meta.dirname, '..', 'analysis.md');
/** autocannon's own latencies are whole milliseconds; the scenarios' own (pools, flows) are finer. */
const ms = (value) => {
  if (value === null || value === undefined) return '–';
  if (Number.isInteger(value)) return String(value);
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
};
const mib = (reading) =>
  `${(reading.rss / 2 ** 20).toFixed(0)} MiB${reading.peak ? ` (peak ${(reading.peak / 2 ** 20).toFixed(0)})` : ''}`;
const times = (ratio) => `${ratio.toFixed(2)}×`;
const cores = (value) => (value === null || value === undefined ? '–' : value.toFixed(2));

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function goalText(comparison) {
  return `${comparison.lowerIsBetter ? '≤' : '≥'} ${comparison.goal}×`;
}

function comparisonRows(comparisons) {
  return comparisons.map((c) => [
    `${c.a.label} / ${c.b.label}`,
    `**${times(c.ratio)}**`,
    `${times(c.pairedMin)}–${times(c.pairedMax)}`,
    goalText(c),
    c.met ? 'yes' : '**no**',
  ]);
}

function targetRows(summaries, unit) {
  return summaries.map((s) => [
    s.label,
    `${formatRate(s.rate.median)} [${formatRate(s.rate.min)}–${formatRate(s.rate.max)}]`,
    `${ms(s.p50.median)} [${ms(s.p50.min)}–${ms(s.p50.max)}]`,
    `${ms(s.p99.median)} [${ms(s.p99.min)}–${ms(s.p99.max)}]`,
    String(s.errors) + (s.shortRounds ? ` (${s.shortRounds} short)` : ''),
    cores(s.others),
    ...(unit === 'growth' ? [formatRate(s.storedAfter)] : []),
  ]);
}

function scenarioSection({ scenario, result, seconds }, settings) {
  const unit = scenario.unit ?? 'req/s';
  const parts = [
    `### ${scenario.id}. ${scenario.title}`,
    scenario.measures,
    `Target: ${scenario.goal}. This scenario took ${Math.round(seconds)} s.`,
  ];
  const growth = scenario.id === 7;
  parts.push(
    table(
      [
        'Target',
        `${unit} median [min–max]`,
        'p50 ms median [min–max]',
        'p99 ms median [min–max]',
        'errors',
        "others' CPU (cores)",
        ...(growth ? ['refresh tokens stored at the end'] : []),
      ],
      targetRows(result.summaries, growth ? 'growth' : unit),
    ),
  );
  if (result.comparisons.length > 0) {
    const what = growth ? 'Ratio of p50' : `Ratio of median ${unit}`;
    parts.push(table(['Comparison', what, 'per-round ratios', 'Target', 'Met'], comparisonRows(result.comparisons)));
  }
  if (result.memory?.length > 0) {
    const [firstCount, lastCount] = [settings.growth.rssAfter[0], settings.growth.rssAfter.at(-1)];
    parts.push(
      table(
        [
          'Server RSS',
          `after ${formatRate(firstCount)} requests`,
          `after ${formatRate(lastCount)}`,
          'Ratio',
          'Target',
          'Met',
        ],
        result.memory.map((m) => [
          m.database,
          mib(m.readings[0]),
          mib(m.readings.at(-1)),
          `**${times(m.ratio)}**`,
          '≤ 1.2×',
          m.met ? 'yes' : '**no**',
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}

function summarySection(sections) {
  const rows = [];
  for (const { scenario, result } of sections) {
    for (const row of comparisonRows(result.comparisons)) rows.push([`${scenario.id}. ${scenario.title}`, ...row]);
    for (const m of result.memory ?? []) {
      rows.push([
        `${scenario.id}. ${scenario.title}`,
        `RSS · ${m.database}`,
        `**${times(m.ratio)}**`,
        '',
        '≤ 1.2×',
        m.met ? 'yes' : '**no**',
      ]);
    }
  }
  return table(['Scenario', 'Comparison', 'Ratio', 'per-round ratios', 'Target', 'Met'], rows);
}

function machineSection(machine, run) {
  const { settings } = run;
  const load = (values) => values.map((value) => value.toFixed(2)).join(', ');
  return [
    `- **Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memory}, ${machine.os}; Node ${machine.node}.`,
    `- **Date:** ${new Date(machine.date).toISOString().replace('T', ' ').slice(0, 16)} UTC; the run took ${Math.round(run.seconds / 60)} min.`,
    `- **Load average** (1, 5, 15 min) at the start: ${load(machine.loadAverage)}; at the end: ${load(run.loadAverageAtEnd)}.`,
    `- **Command:** \`${run.command}\` (builds, then runs \`node bench/main.mjs\`).`,
    `- **Code:** ${machine.code}; compared with oidc-provider ${machine.versions.oidcProvider}.`,
    `- **Method:** per target a ${settings.warmup} s warm-up, then ${settings.rounds} rounds of ${settings.duration} s, ` +
      'the targets of a scenario taking turns (A B C A B C…) so that drift of the machine falls on all of them; ' +
      `autocannon ${machine.versions.autocannon} with ${settings.connections} connections on loopback, in the harness process, which shares the ` +
      'cores with the server under test. Medians over the rounds; the range in brackets. "Others\' CPU" is the CPU ' +
      'time used during the rounds by every process other than the harness, the server and its PostgreSQL backends: ' +
      'the load of other jobs on the machine.',
  ].join('\n');
}

/** Renders the run record `{ machine, run, sections, notes }` into `file`. */
export async function writeReport({ machine, run, sections, notes }, file) {
  const analysis = existsSync(ANALYSIS) ? readFileSync(ANALYSIS, 'utf8').trim() : '';
  const text = [
    '# Benchmarks',
    '<!-- Written by `npm run bench` (bench/main.mjs); rerun it rather than editing. The analysis at the end comes from bench/analysis.md. -->',
    '## Summary',
    summarySection(sections),
    '## Machine and method',
    machineSection(machine, run),
    '## Scenarios',
    ...sections.map((section) => scenarioSection(section, run.settings)),
    '## Notes on this run',
    notes.map((note) => `- ${note}`).join('\n'),
    ...(analysis ? [analysis] : []),
  ].join('\n\n');
  const options = (await prettier.resolveConfig(resolve(file))) ?? {};
  const formatted = await prettier.format(text, { ...options, parser: 'markdown' });
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, formatted);
}
