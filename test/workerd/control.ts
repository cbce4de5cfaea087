/** What the Bot API doubles received, read from the globalSetup's control server (they live in Node). */
import { inject } from "vitest";

const control = () => inject("edge").controlUrl;

export async function sentTo(platform: "telegram" | "zalo"): Promise<Record<string, unknown>[]> {
  return (await fetch(`${control()}/${platform}`)).json();
}

export async function resetDoubles(): Promise<void> {
  await fetch(`${control()}/reset`);
}

export async function hranaPipelines(): Promise<number> {
  return ((await (await fetch(`${control()}/hrana`)).json()) as { pipelines: number }).pipelines;
}

/** What a reply is, byte for byte, as the Bot API received it. */
export const sentPayload = (params: Record<string, unknown>) =>
  JSON.stringify({ text: params.text, parse_mode: params.parse_mode, reply_markup: params.reply_markup });
