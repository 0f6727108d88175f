/**
 * The layers' one direction (issue 16), checked by `npm run deps:check` in CI (.ci/run).
 * domain ← cards ← app ← (lark, chat, scheduler) ← runtime / sandbox; db/ is the schema and
 * drivers the app writes through. See docs/architecture.md.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A circle makes every file in it load and change together.', from: {}, to: { circular: true } },
    { name: 'domain-is-pure', severity: 'error', comment: 'The domain imports nothing outside itself.', from: { path: '^src/domain/' }, to: { path: '^(?!src/domain/)', dependencyTypesNot: ['npm', 'npm-dev', 'core'] } },
    { name: 'cards-only-domain', severity: 'error', comment: 'Card builders are pure: the domain and their own kit.', from: { path: '^cards/' }, to: { path: '^(?!cards/|src/domain/)', dependencyTypesNot: ['npm', 'npm-dev', 'core'] } },
    { name: 'app-not-outer', severity: 'error', comment: 'Use cases never reach the gateway, chat, runtime or sandbox.', from: { path: '^src/app/' }, to: { path: '^src/(lark|chat|runtime|sandbox|scheduler)/' } },
    { name: 'lark-not-chat', severity: 'error', comment: 'The gateway knows no feature.', from: { path: '^src/lark/' }, to: { path: '^src/(chat|sandbox|scheduler)/' } },
    { name: 'root-is-last', severity: 'error', comment: 'Only the composition root and the sandbox assemble the layers.', from: { path: '^(src/(domain|app|lark|chat|scheduler)|cards|db)/' }, to: { path: '^src/(runtime|sandbox)/' } },
    { name: 'scheduler-not-gateway', severity: 'error', comment: 'Scheduled work calls use cases; the gateway is the runtime\'s.', from: { path: '^src/scheduler/' }, to: { path: '^src/(lark|chat)/' } },
    { name: 'chat-not-db', severity: 'error', comment: 'Chat commands parse and answer; what they read or write is a use case in src/app, never SQL of their own.', from: { path: '^src/chat/' }, to: { path: '^db/|^node_modules/(drizzle-orm|postgres|@electric-sql)/' } },
    { name: 'scheduler-not-db', severity: 'error', comment: 'The tick orders use cases; the SQL behind them (the lock, the claim, the rows) lives in src/app.', from: { path: '^src/scheduler/' }, to: { path: '^db/|^node_modules/(drizzle-orm|postgres|@electric-sql)/' } },
    { name: 'resolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], exportsFields: ['exports'], conditionNames: ['import', 'node', 'default', 'types'] },
  },
};
