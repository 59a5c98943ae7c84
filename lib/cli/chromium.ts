/** Where the end-to-end tests expect Debian's Chromium (toolchain.md §6). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** A Japanese font (Debian's fonts-noto-cjk), so the Japanese interface's screenshots show text. */
export const CJK_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** What the end-to-end tests need on the machine. */
export const REQUIRED_PATHS: readonly string[] = [CHROMIUM_PATH, CJK_FONT_PATH];

/** The commands that install them as root on Debian, without questions. */
export const INSTALL_COMMANDS: readonly (readonly string[])[] = [
  ['apt-get', 'update'],
  ['apt-get', 'install', '-y', 'chromium', 'fonts-noto-cjk'],
];

export const INSTALL_HINT = `Chromium (${CHROMIUM_PATH}) or its Japanese font (${CJK_FONT_PATH}) is missing; the end-to-end tests need both. Install them as root:
  sudo sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk'`;

/** What {@link ensureChromium} reads and runs, injected so the decision is testable. */
export interface ChromiumDeps {
  exists(path: string): boolean;
  isRoot: boolean;
  /** Runs a command with DEBIAN_FRONTEND=noninteractive; resolves with its exit code. */
  run(command: readonly string[]): Promise<number>;
  log(line: string): void;
}

/**
 * Makes sure Chromium and a Japanese font are there ({@link REQUIRED_PATHS}): installs them
 * with apt-get when running as root, otherwise explains how. Resolves with the exit code.
 */
export async function ensureChromium(deps: ChromiumDeps): Promise<number> {
  const present = () => REQUIRED_PATHS.every((path) => deps.exists(path));
  if (present()) return 0;
  if (!deps.isRoot) {
    deps.log(INSTALL_HINT);
    return 1;
  }
  deps.log('Chromium or its Japanese font is missing; installing them with apt-get.');
  for (const command of INSTALL_COMMANDS) {
    const code = await deps.run(command);
    if (code !== 0) {
      deps.log(`${command.join(' ')} exited with code ${code}.\n${INSTALL_HINT}`);
      return 1;
    }
  }
  if (present()) return 0;
  deps.log(`apt-get installed them, but one of ${REQUIRED_PATHS.join(', ')} is still missing.`);
  return 1;
}
