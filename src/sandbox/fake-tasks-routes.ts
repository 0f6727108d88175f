/** task/v2's paths on the fake Lark, answered by its FakeTasks (fake-tasks.ts). */
import type { FakeTasks } from './fake-tasks.js';
import type { FakeRouter } from './fake-router.js';

export function taskRoutes(r: FakeRouter<'task.task'>, tasks: FakeTasks): void {
  const { app, serve } = r;
  app.post('/open-apis/task/v2/tasks', serve('task.task', (c, body) => tasks.create(body, c.req.query('user_id_type'))));
  app.patch('/open-apis/task/v2/tasks/:guid', serve('task.task', (c, body) => tasks.patch(c.req.param('guid') ?? '', body)));
  app.delete('/open-apis/task/v2/tasks/:guid', serve('task.task', (c) => tasks.delete(c.req.param('guid') ?? '')));
  app.post('/open-apis/task/v2/tasks/:guid/add_members', serve('task.task', (c, body) => tasks.addMembers(c.req.param('guid') ?? '', body, c.req.query('user_id_type'))));
  app.post('/open-apis/task/v2/tasks/:guid/remove_members', serve('task.task', (c, body) => tasks.removeMembers(c.req.param('guid') ?? '', body, c.req.query('user_id_type'))));
}
