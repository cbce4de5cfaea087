/** A running long-polling loop (development, or a machine without a public address). */
export interface Polling {
  /** Ends the current long poll and waits for the update in hand to finish. */
  stop(): Promise<void>;
}
