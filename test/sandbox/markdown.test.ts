import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/sandbox/web/markdown.js';

const names = (id: string) => ({ ou_li: '李娜' })[id] ?? id;

describe('the web chat markdown (lark_md subset)', () => {
  it.each([
    ['**粗体** 和 *斜体* ~~删除~~', '<p><strong>粗体</strong> 和 <em>斜体</em> <del>删除</del></p>'],
    ["<font color='grey'>小字</font>", '<p><span style="color:#8f959e">小字</span></p>'],
    ['[链接](https://example.com/a?b=1&c=2)', '<p><a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener">链接</a></p>'],
    ['<at id=ou_li></at> 请审批', '<p><span class="at">@李娜</span> 请审批</p>'],
    ['- 一\n- 二\n1. 三', '<ul><li>一</li><li>二</li></ul><ol><li>三</li></ol>'],
    ['第一行\n第二行', '<p>第一行<br>第二行</p>'],
    ['`a*b*c`', '<p><code>a*b*c</code></p>'],
  ])('%s', (src, html) => {
    expect(renderMarkdown(src, names)).toBe(html);
  });

  it('escapes HTML a user typed, and honours backslash escapes (mdEscape)', () => {
    expect(renderMarkdown('<script>alert(1)</script> \\*不是粗体\\*')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; *不是粗体*</p>');
    expect(renderMarkdown('<img src=x onerror=alert(1)>')).not.toContain('<img');
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
  });

  it('closes an unclosed <font> and ignores a stray </font>', () => {
    expect(renderMarkdown("<font color='red'>红")).toBe('<p><span style="color:#f54a45">红</span></p>');
    expect(renderMarkdown('a</font>b')).toBe('<p>a&lt;/font&gt;b</p>');
  });
});
