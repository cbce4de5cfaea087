/** What test/workerd/global-setup.ts hands the workerd tests and the pool's bindings (vitest `provide`). */
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    edge: {
      bindings: Record<string, string>;
      controlUrl: string;
      commands: string[];
      /** The text and keyboard each command's reply sent to the Bot API on Node, in order. */
      nodeReplies: string[];
      broadcastChats: string[];
    };
  }
}
