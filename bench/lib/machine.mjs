/**
 * The machine a run measured, and how busy others kept it. On Linux, each round's CPU time
 * is split into ours (this process, the server under test and its PostgreSQL backends) and
 * everyone else's: the "others" column says how noisy a round was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // 100 Hz is the Linux default.
}

/** The code measured: the commit, and whether the working tree differed from it (read-only git commands). */
function describeCode() {
  try {
    const git = (...args) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', 'src')
      .split('\n')
      .filter(Boolean).length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ` with ${changed} uncommitted changed files in src/` : ''}`;
  } catch {
    return 'not a git checkout';
  }
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8'))
      .version;
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  const cpus = os.cpus();
  return {
    code: describeCode(),
    versions: { autocannon: packageVersion('autocannon'), oidcProvider: packageVersion('oidc-provider') },
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg(),
    date: new Date(),
  };
}

/** Busy CPU time of the whole machine, in seconds, or null where /proc/stat is missing. */
function machineBusySeconds() {
  if (!existsSync('/proc/stat')) return null;
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const [user, nice, system, , , irq, softirq, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / ticksPerSecond;
}

/** CPU seconds a process has used, or 0 if it is gone. */
function processSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/**
 * Starts counting: `stop()` returns the cores, on average, that the processes in `pids` (the
 * server and its database backends) used, that this process (the load generator) used, and
 * that everything else on the machine used, over the interval.
 */
export function startCpuMeter(pids) {
  const started = process.hrtime.bigint();
  const machine = machineBusySeconds();
  const self = process.cpuUsage();
  const before = pids.map(processSeconds);
  return {
    stop() {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const machineNow = machineBusySeconds();
      const { user, system } = process.cpuUsage(self);
      const selfUsed = (user + system) / 1e6;
      const serverUsed = pids.reduce((sum, pid, i) => sum + Math.max(0, processSeconds(pid) - before[i]), 0);
      const others = machine === null ? null : machineNow - machine - selfUsed - serverUsed;
      return {
        server: serverUsed / seconds,
        loadGenerator: selfUsed / seconds,
        others: others === null ? null : Math.max(0, others / seconds),
      };
    },
  };
}
