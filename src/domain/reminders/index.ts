/** Deadlines and nudges: obligations, their reminder ladders, and per-person digests. */
export * from './settings.js';
export * from './hours.js';
export * from './obligation.js';
export * from './steps.js';
export * from './ladder.js';
export * from './digest.js';
export * from './monthly.js';
export * from './travel.js';
export * from './todo.js';
