/** The web chat's HTML shell and styles; the script (src/sandbox/web/main.ts) builds the rest. */

const CSS = `
:root { --blue:#3370ff; --line:#dee0e3; --muted:#8f959e; --text:#1f2329; --bg:#f5f6f7; }
* { box-sizing: border-box; }
html, body { margin:0; height:100%; }
body { font-family: "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size:14px; color:var(--text); background:var(--bg); }
button, input, select, textarea { font: inherit; }
#app { display:flex; height:100vh; }
aside { width:280px; background:#fff; border-right:1px solid var(--line); display:flex; flex-direction:column; overflow:auto; }
aside h1 { font-size:16px; margin:0; padding:14px 16px; border-bottom:1px solid var(--line); }
aside h1 small { color:var(--muted); font-weight:normal; font-size:12px; display:block; }
aside section { padding:12px 16px; border-bottom:1px solid var(--line); }
aside label.caption { display:block; color:var(--muted); font-size:12px; margin-bottom:6px; }
aside select, aside input { width:100%; padding:6px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
.who-meta { color:var(--muted); font-size:12px; margin-top:6px; }
.chat-item { display:flex; gap:10px; align-items:center; padding:8px; border-radius:6px; cursor:pointer; }
.chat-item:hover { background:#f2f3f5; } .chat-item.active { background:#e1eaff; }
.avatar { width:32px; height:32px; border-radius:50%; background:var(--blue); color:#fff; display:flex; align-items:center; justify-content:center; font-size:13px; flex:none; }
.avatar.user { background:#00b3a1; } .avatar.group { background:#ff8800; }
.clock-now { font-size:15px; font-weight:600; margin-bottom:8px; }
.row { display:flex; gap:6px; margin-top:6px; } .row > * { flex:1; min-width:0; }
.btn { border:1px solid var(--line); background:#fff; border-radius:6px; padding:5px 10px; cursor:pointer; white-space:nowrap; }
.btn:hover { border-color:var(--blue); color:var(--blue); }
.btn.on { background:var(--blue); color:#fff; border-color:var(--blue); }
main { flex:1; display:flex; flex-direction:column; min-width:0; }
.chat-head { background:#fff; padding:12px 20px; border-bottom:1px solid var(--line); font-weight:600; }
.chat-head small { color:var(--muted); font-weight:normal; margin-left:8px; }
#messages { flex:1; overflow:auto; padding:16px 20px; }
.msg { display:flex; gap:10px; margin:14px 0; align-items:flex-start; }
.msg.mine { flex-direction:row-reverse; }
.msg .body { max-width:min(640px, 80%); display:flex; flex-direction:column; gap:4px; }
.msg.mine .body { align-items:flex-end; }
.msg .meta { color:var(--muted); font-size:12px; display:flex; gap:8px; align-items:center; }
.msg .reply-btn { opacity:0; border:none; background:none; color:var(--blue); cursor:pointer; padding:0; font-size:12px; }
.msg:hover .reply-btn, .msg .reply-btn:focus { opacity:1; }
.bubble { background:#fff; border-radius:8px; padding:8px 12px; white-space:pre-wrap; word-break:break-word; border:1px solid var(--line); }
.msg.mine .bubble { background:#cce0ff; border-color:#cce0ff; }
.bubble.file { white-space:normal; min-width:220px; }
.bubble.file .file-name { font-weight:600; }
.bubble.file .file-meta { color:#8f959e; font-size:12px; margin-top:4px; }
.quote { color:var(--muted); font-size:12px; border-left:3px solid var(--line); padding-left:6px; max-width:100%; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.edited { color:var(--muted); font-size:11px; }
.at { color:var(--blue); }
.composer { background:#fff; border-top:1px solid var(--line); padding:10px 20px; position:relative; }
.composer textarea { width:100%; border:1px solid var(--line); border-radius:6px; padding:8px; resize:none; height:64px; }
.composer .bar { display:flex; justify-content:space-between; align-items:center; margin-top:6px; color:var(--muted); font-size:12px; }
.replying { background:#f2f3f5; border-radius:6px; padding:4px 8px; margin-bottom:6px; font-size:12px; display:flex; justify-content:space-between; }
.mention-list { position:absolute; bottom:100%; left:20px; background:#fff; border:1px solid var(--line); border-radius:6px; box-shadow:0 4px 12px rgba(0,0,0,.1); max-height:220px; overflow:auto; min-width:200px; }
.mention-list div { padding:6px 10px; cursor:pointer; } .mention-list div:hover, .mention-list div.sel { background:#e1eaff; }
#toasts { position:fixed; top:16px; left:50%; transform:translateX(-50%); display:flex; flex-direction:column; gap:8px; z-index:20; pointer-events:none; }
.toast { padding:8px 16px; border-radius:6px; background:#fff; box-shadow:0 4px 12px rgba(0,0,0,.15); border-left:4px solid var(--blue); }
.toast.success { border-color:#34c724; } .toast.error { border-color:#f54a45; } .toast.warning { border-color:#ff8800; }
.modal-back { position:fixed; inset:0; background:rgba(0,0,0,.35); display:flex; align-items:center; justify-content:center; z-index:30; }
.modal { background:#fff; border-radius:8px; padding:20px; width:360px; }
.modal h3 { margin:0 0 8px; font-size:16px; } .modal p { margin:0 0 16px; color:#4e5969; white-space:pre-wrap; }
.modal .actions { display:flex; justify-content:flex-end; gap:8px; }
/* cards */
.card { background:#fff; border:1px solid var(--line); border-radius:8px; overflow:hidden; width:min(560px, 100%); }
.card-head { padding:12px 16px; background:var(--hc-bg, #f0f4ff); border-bottom:1px solid var(--line); }
.card-head .title { font-weight:600; font-size:16px; color:var(--hc, #1f2329); display:flex; gap:6px; align-items:center; flex-wrap:wrap; }
.card-head .subtitle { color:#646a73; font-size:12px; margin-top:2px; }
.card-body { padding:12px 16px; display:flex; flex-direction:column; gap:10px; }
.md { line-height:1.6; word-break:break-word; } .md p { margin:0; } .md ul, .md ol { margin:2px 0; padding-left:20px; }
.md h1, .md h2, .md h3, .md h4 { margin:4px 0; font-size:15px; }
.md code { background:#f2f3f5; padding:0 4px; border-radius:3px; }
.md.notation { font-size:12px; } .md.heading { font-size:16px; font-weight:600; }
.card hr { border:none; border-top:1px solid var(--line); margin:2px 0; width:100%; }
.fields { display:grid; grid-template-columns:1fr 1fr; gap:6px 12px; } .fields .wide { grid-column:1 / -1; }
.cols { display:flex; gap:8px; } .cols.flow { flex-wrap:wrap; } .col { display:flex; flex-direction:column; gap:8px; min-width:0; }
.cbtn { border:1px solid var(--line); background:#fff; border-radius:6px; padding:5px 14px; cursor:pointer; color:#1f2329; }
.cbtn.primary { color:var(--blue); border-color:var(--blue); } .cbtn.danger { color:#f54a45; border-color:#f54a45; }
.cbtn.primary_filled { background:var(--blue); border-color:var(--blue); color:#fff; }
.cbtn.danger_filled { background:#f54a45; border-color:#f54a45; color:#fff; }
.cbtn.text, .cbtn.primary_text, .cbtn.danger_text { border-color:transparent; background:none; }
.cbtn.primary_text { color:var(--blue); } .cbtn.danger_text { color:#f54a45; }
.cbtn.laser { background:linear-gradient(90deg,#3370ff,#a249f0); color:#fff; border:none; }
.cbtn[disabled] { opacity:.45; cursor:not-allowed; }
.field { display:flex; flex-direction:column; gap:4px; } .field.left { flex-direction:row; align-items:center; }
.field > .label { font-size:13px; color:#4e5969; } .req { color:#f54a45; margin-left:2px; }
.field input, .field textarea, .field select { border:1px solid var(--line); border-radius:6px; padding:6px 8px; width:100%; background:#fff; }
.field.invalid input, .field.invalid textarea, .field.invalid select, .field.invalid .multi { border-color:#f54a45; }
.multi { border:1px solid var(--line); border-radius:6px; padding:4px 8px; display:flex; flex-wrap:wrap; gap:4px 12px; }
.multi label { display:flex; gap:4px; align-items:center; }
.form { display:flex; flex-direction:column; gap:10px; }
.tag { display:inline-block; font-size:12px; padding:0 6px; border-radius:4px; background:#eff0f1; color:#4e5969; font-weight:normal; line-height:20px; }
details.panel { border:1px solid var(--line); border-radius:6px; padding:6px 10px; } details.panel > summary { cursor:pointer; }
details.panel > div { display:flex; flex-direction:column; gap:8px; margin-top:8px; }
.chart-title { font-weight:600; margin-bottom:4px; }
.chart-row { display:grid; grid-template-columns:minmax(60px, 30%) 1fr auto; gap:8px; align-items:center; font-size:13px; }
.chart-bar { height:14px; background:var(--blue); border-radius:3px; min-width:2px; }
table.ctable { border-collapse:collapse; width:100%; font-size:13px; } .ctable th, .ctable td { border:1px solid var(--line); padding:4px 8px; text-align:left; vertical-align:top; }
.ctable th { background:#f5f6f7; font-weight:600; }
.img-ph { background:#f2f3f5; color:var(--muted); padding:20px; text-align:center; border-radius:6px; }
.empty { color:var(--muted); text-align:center; margin-top:40px; }
`;

export function sandboxPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>大客户助手 · 沙盒 Sandbox</title>
<style>${CSS}</style>
</head>
<body>
<div id="app"><p class="empty">加载中… Loading…</p></div>
<div id="toasts"></div>
<script type="module" src="/sandbox/app.js"></script>
</body>
</html>`;
}
