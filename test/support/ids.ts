import type { Ids } from '../../src/ids.js';

/**
 * Ids a test can predict: UUID-shaped (the columns take any text, but logs and cards expect the
 * shape), numbered from 1 in the order the app asks for them.
 */
export class SequentialIds implements Ids {
  #n = 0;
  constructor(private readonly prefix = '00000000-0000-4000-8000') {}
  newId(): string {
    return `${this.prefix}-${(++this.#n).toString(16).padStart(12, '0')}`;
  }
  /** The id the nth call returned (1-based), without asking for one. */
  nth(n: number): string {
    return `${this.prefix}-${n.toString(16).padStart(12, '0')}`;
  }
}
