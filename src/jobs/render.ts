/** A notice's body as a chat command shows it: the command run for the job, not for a chat. */
import { commands } from "../../commands/index.ts";
import type { Reply } from "../../commands/reply.ts";
import type { Command } from "../../commands/types.ts";
import type { JobDeps } from "./types.ts";

export function commandReply(deps: JobDeps, command: Command, args: string, at: Date): Promise<Reply> {
  return command.run(
    {
      platform: "cli",
      chat: {
        ref: null,
        platform: "cli",
        chatId: "job",
        type: "private",
        title: null,
        quietHours: null,
        optOuts: [],
      },
      user: { id: "job", name: null },
      args,
      subscription: null,
      now: at,
    },
    { store: deps.store, resolver: deps.resolver, commands, pagesBaseUrl: deps.pagesBaseUrl ?? null },
  );
}
