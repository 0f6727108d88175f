/** `npm run db:migrate`: applies migrations to DATABASE_URL (the Worker never migrates itself). */
import { createPostgresDb } from './client.js';
import { migrateDb } from './migrate.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: point it at the Postgres the bot (or the Worker via Hyperdrive) uses.');
  process.exit(1);
}
const handle = createPostgresDb(url, { max: 1 });
try {
  await migrateDb(handle);
  console.log('migrations applied');
} finally {
  await handle.close();
}
