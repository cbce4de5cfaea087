/**
 * The command registry. To add a command, write `commands/<name>.ts` exporting a `Command` and list
 * it here; the order is the order of /help and of the Telegram menu.
 */
import { caidatCommand } from "./caidat.ts";
import { dangkyCommand } from "./dangky.ts";
import { diemCommand } from "./diem.ts";
import { hangCommand } from "./hang.ts";
import { helpCommand } from "./help.ts";
import { huyCommand } from "./huy.ts";
import { lichCommand } from "./lich.ts";
import { muctieuCommand } from "./muctieu.ts";
import { startCommand } from "./start.ts";
import { tieuchiCommand } from "./tieuchi.ts";
import { tthcCommand } from "./tthc.ts";
import type { Command } from "./types.ts";
import { xoadulieuCommand } from "./xoadulieu.ts";

export const commands: readonly Command[] = [
  diemCommand,
  hangCommand,
  tieuchiCommand,
  muctieuCommand,
  tthcCommand,
  lichCommand,
  dangkyCommand,
  huyCommand,
  caidatCommand,
  xoadulieuCommand,
  helpCommand,
  startCommand,
];

/** The Telegram command menu (setMyCommands): name and description of each command. */
export function commandMenu(
  registry: readonly Command[] = commands,
): { command: string; description: string }[] {
  return registry.map((c) => ({ command: c.name, description: c.description }));
}

export { fallbackReply } from "./fallback.ts";
export { type Parsed, parseCommand } from "./parse.ts";
export type * from "./types.ts";
