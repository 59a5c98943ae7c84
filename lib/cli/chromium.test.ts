import { describe, expect, it } from 'vitest';
import { INSTALL_COMMANDS, INSTALL_HINT, REQUIRED_PATHS, ensureChromium } from './chromium';

/** A machine whose Chromium and font appear once `installs` has run `apt-get install`. */
function machine(opts: {
  present: boolean;
  isRoot: boolean;
  failing?: string;
  installs?: boolean;
}) {
  let present = opts.present;
  const ran: string[] = [];
  const logs: string[] = [];
  return {
    ran,
    logs,
    deps: {
      exists: (path: string) => REQUIRED_PATHS.includes(path) && present,
      isRoot: opts.isRoot,
      async run(command: readonly string[]) {
        const line = command.join(' ');
        ran.push(line);
        if (line === opts.failing) return 100;
        if (command[1] === 'install' && (opts.installs ?? true)) present = true;
        return 0;
      },
      log: (line: string) => logs.push(line),
    },
  };
}

const APT = INSTALL_COMMANDS.map((c) => c.join(' '));

describe('ensureChromium', () => {
  it('does nothing when Chromium is there', async () => {
    const m = machine({ present: true, isRoot: true });
    expect(await ensureChromium(m.deps)).toBe(0);
    expect(m.ran).toEqual([]);
  });

  it('installs it with apt-get as root', async () => {
    const m = machine({ present: false, isRoot: true });
    expect(await ensureChromium(m.deps)).toBe(0);
    expect(m.ran).toEqual(APT);
  });

  it('explains how to install it when not root, and runs nothing', async () => {
    const m = machine({ present: false, isRoot: false });
    expect(await ensureChromium(m.deps)).toBe(1);
    expect(m.ran).toEqual([]);
    expect(m.logs).toEqual([INSTALL_HINT]);
    expect(INSTALL_HINT).toContain('apt-get install -y chromium fonts-noto-cjk');
  });

  it('stops at a failing apt-get and says how to install it', async () => {
    const m = machine({ present: false, isRoot: true, failing: 'apt-get update' });
    expect(await ensureChromium(m.deps)).toBe(1);
    expect(m.ran).toEqual(['apt-get update']);
    expect(m.logs.at(-1)).toContain(INSTALL_HINT);
  });

  it('fails when the install succeeded but Chromium is still missing', async () => {
    const m = machine({ present: false, isRoot: true, installs: false });
    expect(await ensureChromium(m.deps)).toBe(1);
    expect(m.logs.at(-1)).toContain('still missing');
  });
});
