// Typebot's embed, the peer the widget bench measures against in the same run: `npm pack` of the
// published package into a temporary folder (not a dependency, not committed), its dist/web.js.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TYPEBOT_PACKAGE = '@typebot.io/js@0.10.7';

/** The path of Typebot's dist/web.js (an ES module: `Typebot.initBubble({ typebot, apiHost })`). */
export function typebotWebJs(): string {
  const dir = join(tmpdir(), 'agent-chat-launcher-bench', TYPEBOT_PACKAGE.replace(/[@/]/g, '_'));
  const file = join(dir, 'package', 'dist', 'web.js');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tarball = execFileSync('npm', ['pack', TYPEBOT_PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['-xzf', tarball], { cwd: dir });
  }
  return file;
}
