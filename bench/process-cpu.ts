/**
 * CPU time from /proc (Linux only): of one thread, or of a process with everything under it, so that
 * a load run can charge a turn with the server processes', PostgreSQL's and nginx's CPU apart from
 * the load generator's own.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  } catch {
    return undefined;
  }
})();

interface ProcStat {
  ppid: number;
  /** utime + stime, in clock ticks. */
  own: number;
  /** cutime + cstime: the children it has waited for (exited backends, workers). */
  reaped: number;
}

/** The fields after the command name (which may hold spaces): state, ppid, …, utime is the 12th. */
function readStat(path: string): ProcStat | undefined {
  try {
    const fields = readFileSync(path, 'utf8').split(') ').at(-1)!.split(' ');
    return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

const ticksToMs = (ticks: number): number => (ticks * 1000) / clockTicksPerSecond!;

/** CPU milliseconds one thread of this process has used (the main thread: its pid). */
export function threadCpuMs(tid: number): number | undefined {
  const stat = clockTicksPerSecond ? readStat(`/proc/self/task/${tid}/stat`) : undefined;
  return stat && ticksToMs(stat.own);
}

function allProcesses(): Map<number, ProcStat> {
  const found = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(`/proc/${name}/stat`);
    if (stat) found.set(Number(name), stat);
  }
  return found;
}

/**
 * CPU milliseconds used by these processes, every thread and every descendant of theirs, living or
 * reaped: a descendant's time moves into its parent's cutime when it exits, so two samples agree.
 */
export function processTreeCpuMs(roots: readonly number[]): number | undefined {
  if (!clockTicksPerSecond) return undefined;
  const processes = allProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let ticks = 0;
  const visit = (pid: number) => {
    const stat = processes.get(pid);
    if (!stat) return;
    ticks += stat.own + stat.reaped;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  for (const root of roots) visit(root);
  return ticksToMs(ticks);
}

/** The PostgreSQL server (its postmaster) listening on this port: the process whose command line sets it. */
export function postmasterPid(port: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (command[0]?.endsWith('postgres') && command.includes(`port=${port}`)) return Number(name);
    } catch {
      // A process that ended while the folder was read.
    }
  }
  return undefined;
}
