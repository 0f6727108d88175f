/**
 * Text commands. Each has Chinese and English words (slash optional), the roles that may use it,
 * and a run function. Help lists exactly what is registered for the asker's role, so it never
 * advertises something the bot cannot do.
 */
import type { I18nText } from '../domain/i18n.js';
import type { Role } from '../domain/roster.js';
import type { ChatContext } from './context.js';

export interface Command {
  name: string;
  /** Words that start the command, e.g. ['help', '帮助']; matched case-insensitively, with or without '/'. */
  words: string[];
  title: I18nText;
  /** What it does, shown beside the examples on the help card. */
  usage: I18nText;
  /**
   * What to type, exactly as the help card shows it (placeholders such as 客户名称 or
   * <customer> stand for the person's own words). A test sends every one through the webhook,
   * so the help never shows something the bot would not understand. None: not on the card.
   */
  examples?: { zh_cn: readonly string[]; en_us: readonly string[] };
  roles: readonly Role[] | 'all';
  /** Admin-only commands also require KAM_ADMINS or the admin role. */
  adminOnly?: boolean;
  /** Shown as a one-tap button on the help card (commands that need no arguments). */
  button?: boolean;
  /**
   * Its Chinese words also begin ordinary sentences (客户说…, 拜访了…, 接待完…): they count as the
   * command only before a space, a colon or the end, so free text reaches the free-text handlers
   * first. Without a boundary they still match, loosely, when nothing else took the message.
   */
  strict?: boolean;
  /**
   * Its arguments name a customer (客户 / 拜访 / 接待 / 报销): matched loosely with a whole sentence
   * after the word ("客户说价格偏高，…"), it was not meant as this command.
   */
  namesCustomer?: boolean;
  run(ctx: ChatContext): Promise<void>;
}

/** The commands, unchanged, or an error naming the word two of them claim (checked once, at start). */
export function distinctWords<T extends readonly Command[]>(commands: T): T {
  const seen = new Map<string, string>();
  for (const c of commands) {
    for (const w of c.words) {
      const key = w.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined && other !== c.name) throw new Error(`command word "${w}" is claimed by both ${other} and ${c.name}`);
      seen.set(key, c.name);
    }
  }
  return commands;
}

export interface MatchedCommand {
  command: Command;
  args: string;
}

export function matchCommand(commands: readonly Command[], text: string, o: { loose?: boolean } = {}): MatchedCommand | null {
  const t = text.trim().replace(/^[/／]/, '');
  let best: MatchedCommand | null = null;
  let bestLen = 0;
  for (const command of commands) {
    for (const word of command.words) {
      const w = word.toLowerCase();
      const head = t.slice(0, w.length).toLowerCase();
      if (head !== w) continue;
      const rest = t.slice(w.length);
      // A Latin command word must end at a boundary ("helpme" is not "help"); CJK needs none,
      // except a strict command's, unless matching loosely.
      if (/^[a-z]/i.test(w) && /^[a-z0-9]/i.test(rest)) continue;
      if (command.strict && !o.loose && rest !== '' && !/^[\s:：,，]/.test(rest)) continue;
      if (w.length > bestLen) {
        best = { command, args: rest.replace(/^[\s:：,，]+/, '').trim() };
        bestLen = w.length;
      }
    }
  }
  return best;
}
