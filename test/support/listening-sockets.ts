import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * The sockets a process tree listens on, read from /proc (Linux): the socket inodes of every process's
 * file descriptors, looked up in /proc/net/{tcp,tcp6,udp,udp6}. Nothing is sent anywhere.
 */
export type ListeningSocket = { protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6'; address: string; port: number; pid: number };

/** `root` and all its descendants that are still alive. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after it start past the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // Closed while we looked.
    }
  }
  return inodes;
}

/** /proc/net's hex address: IPv4 as one little-endian word, IPv6 as four. */
function parseAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) => (word.match(/../g) ?? []).reverse().map((byte) => parseInt(byte, 16)));
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups = Array.from({ length: 8 }, (_, n) => ((bytes[2 * n] as number) * 256 + (bytes[2 * n + 1] as number)).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

const LISTEN = '0A';
const UDP_UNCONNECTED = '07';

/** Sockets the processes listen on: TCP in LISTEN, UDP bound to a port and not connected. */
export function listeningSockets(pids: number[]): ListeningSocket[] {
  const owners = new Map<string, number>();
  for (const pid of pids) for (const inode of socketInodes(pid)) owners.set(inode, pid);
  const found: ListeningSocket[] = [];
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    const lines = readFileSync(`/proc/net/${protocol}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [, local = '', remote = '', state, , , , , , inode = ''] = line.trim().split(/\s+/);
      const pid = owners.get(inode);
      if (pid === undefined) continue;
      const [address = '', port = ''] = local.split(':');
      const listening = protocol.startsWith('tcp') ? state === LISTEN : state === UDP_UNCONNECTED && /^0+:0+$/.test(remote) && parseInt(port, 16) !== 0;
      if (listening) found.push({ protocol, address: parseAddress(address), port: parseInt(port, 16), pid });
    }
  }
  return found;
}

export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || /^::ffff:127\./.test(address) || address === '::1';
}
