import { defineConfig } from 'drizzle-kit';

// `cd server && npx drizzle-kit generate` writes SQL migrations to ./drizzle (committed);
// createDb() applies them at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
