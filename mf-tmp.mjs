import { Miniflare } from 'miniflare';
const mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response(String(Date.now())) } }', compatibilityDate: '2024-09-23' });
const t = Date.now();
const r = await mf.dispatchFetch('http://x/'); console.log('worker says', new Date(Number(await r.text())).toISOString(), 'node', new Date().toISOString(), 'ms', Date.now()-t);
await mf.dispose();
