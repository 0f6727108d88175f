/**
 * Preloaded into a bench's child process (`--import`): a V8 CPU profile of just the window the
 * parent asks for, over the fork's IPC channel ({ profile: 'start' }, then { profile: 'stop',
 * file }), each step answered with { profile: 'started' | 'stopped' } — so a profile of the bot
 * holds the clicks and not its start-up or the bench's setup.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

let session: Session | null = null;
process.on('message', (m: { profile?: 'start' | 'stop'; file?: string }) => {
  void (async () => {
    if (m.profile === 'start' && !session) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      process.send?.({ profile: 'started' });
    } else if (m.profile === 'stop' && session && m.file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(m.file, JSON.stringify(profile));
      session.disconnect();
      session = null;
      process.send?.({ profile: 'stopped' });
    }
  })();
});
