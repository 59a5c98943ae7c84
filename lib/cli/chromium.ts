/** Where the end-to-end tests expect Debian's Chromium (toolchain.md §6). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The commands that install it as root on Debian, without questions. */
export const INSTALL_COMMANDS: readonly (readonly string[])[] = [
  ['apt-get', 'update'],
  ['apt-get', 'install', '-y', 'chromium'],
];

export const INSTALL_HINT = `Chromium is missing at ${CHROMIUM_PATH}; the end-to-end tests need it. Install it as root:
  sudo sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium'`;

/** What {@link ensureChromium} reads and runs, injected so the decision is testable. */
export interface ChromiumDeps {
  exists(path: string): boolean;
  isRoot: boolean;
  /** Runs a command with DEBIAN_FRONTEND=noninteractive; resolves with its exit code. */
  run(command: readonly string[]): Promise<number>;
  log(line: string): void;
}

/**
 * Makes sure Chromium is at {@link CHROMIUM_PATH}: installs it with apt-get when running as
 * root, otherwise explains how. Resolves with the exit code for the script.
 */
export async function ensureChromium(deps: ChromiumDeps): Promise<number> {
  if (deps.exists(CHROMIUM_PATH)) return 0;
  if (!deps.isRoot) {
    deps.log(INSTALL_HINT);
    return 1;
  }
  deps.log(`Chromium is missing at ${CHROMIUM_PATH}; installing it with apt-get.`);
  for (const command of INSTALL_COMMANDS) {
    const code = await deps.run(command);
    if (code !== 0) {
      deps.log(`${command.join(' ')} exited with code ${code}.\n${INSTALL_HINT}`);
      return 1;
    }
  }
  if (deps.exists(CHROMIUM_PATH)) return 0;
  deps.log(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing.`);
  return 1;
}
