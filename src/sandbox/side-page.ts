/** What the sandbox's side pages (calendar, tasks, approval centre) share: escaping and the page frame's style. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The body, the heading and one card per person; each page adds the style of its own items. */
export const SIDE_PAGE_CSS = `
body { font-family: "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; font-size:14px; color:#1f2329; background:#f5f6f7; margin:0; padding:20px; }
h1 { font-size:18px; margin:0 0 4px; } .muted { color:#8f959e; font-size:12px; }
.person { background:#fff; border:1px solid #dee0e3; border-radius:8px; margin:12px 0; padding:10px 16px; }
`;
