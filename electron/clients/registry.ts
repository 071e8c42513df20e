import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { continueDev } from './continue.js';
import { cursor } from './cursor.js';
import { geminiCli } from './gemini-cli.js';
import { goose } from './goose.js';
import { kiro } from './kiro.js';
import { lmStudio } from './lm-studio.js';
import { opencode } from './opencode.js';
import type { ClientDefinition } from './types.js';
import { vscode, vscodeInsiders, vscodium } from './vscode.js';
import { windsurf } from './windsurf.js';
import { zed } from './zed.js';

/** Every client Switchyard can connect, in the order `switchyard client ls` shows them. */
export const allClients: readonly ClientDefinition[] = [
  claudeDesktop,
  claudeCode,
  cursor,
  vscode,
  vscodeInsiders,
  vscodium,
  windsurf,
  zed,
  geminiCli,
  codex,
  continueDev,
  goose,
  lmStudio,
  cline,
  opencode,
  kiro,
];
