/** Runs once per `vitest run`; the database template is added with the db layer. */
export default async function setup(): Promise<void> {}
