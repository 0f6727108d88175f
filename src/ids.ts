/**
 * The only way a use case makes a record's id: injected like the clock, so a test can name the
 * ids it will see and a replay makes the same ones.
 */
export interface Ids {
  newId(): string;
}

export const randomIds: Ids = { newId: () => crypto.randomUUID() };
