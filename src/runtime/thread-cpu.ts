/**
 * CPU time of one thread of this process, from Linux's /proc. A turn's budget counts it rather than
 * the clock, so that on a busy machine a turn is not cut for the time other processes took. Where
 * /proc is missing, both functions give undefined and the budget counts wall time instead.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The OS id of the calling thread (a worker thread has its own), if this system tells. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds (user and system) thread `tid` of this process has used, in 1/CLK_TCK steps. */
export function threadCpuMs(tid: number): number | undefined {
  try {
    // The fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}
