/**
 * The report templates go out as one message, the instruction above the template (two messages
 * could arrive the wrong way round). Someone who copies that message whole and fills it in sends
 * the instruction back too: it is dropped here, so the text reads as the template alone.
 */
import { TEMPLATE_HINTS } from '../domain/parse/templates.js';

/** The instruction ends within the first few lines; further down, the same words are the person's. */
const INSTRUCTION_REACH = 400;

const ENDINGS: readonly string[] = [
  ...Object.values(TEMPLATE_HINTS).flatMap((h) => [h.zh_cn, h.en_us]),
  // The monthly report's form reply carries its own lead-in.
  '也可以复制下面的模板填写后发给我：',
  'Or copy this template, fill it in and send it back:',
];

export function withoutTemplateInstructions(text: string): string {
  for (const end of ENDINGS) {
    const at = text.indexOf(end);
    if (at >= 0 && at <= INSTRUCTION_REACH) return text.slice(at + end.length).replace(/^\s+/, '');
  }
  return text;
}
