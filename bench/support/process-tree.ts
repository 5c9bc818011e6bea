import { readFileSync, readdirSync } from 'node:fs';

/**
 * Resident memory and CPU time of a process and all its descendants (worker threads are inside the
 * process; child processes are counted too), read from Linux's /proc. Null where /proc is not there.
 */
export interface TreeUsage {
  rssBytes: number;
  /** User + system CPU time of the processes alive now (ms). */
  cpuMs: number;
  processes: number;
}

const ticksPerSecond = 100; // USER_HZ on Linux

function statOf(pid: number): { ppid: number; cpuTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function processTreeUsage(rootPid: number): TreeUsage | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = statOf(pid);
    if (!stat) continue;
    cpu.set(pid, stat.cpuTicks);
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(pid);
    children.set(stat.ppid, siblings);
  }
  if (!cpu.has(rootPid)) return null;
  const usage: TreeUsage = { rssBytes: 0, cpuMs: 0, processes: 0 };
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    usage.rssBytes += rssOf(pid);
    usage.cpuMs += ((cpu.get(pid) ?? 0) * 1000) / ticksPerSecond;
    usage.processes++;
    pending.push(...(children.get(pid) ?? []));
  }
  return usage;
}
