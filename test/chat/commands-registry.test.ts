import { describe, expect, it } from 'vitest';
import { COMMANDS, FREE_TEXT_HANDLERS, HELP_COMMAND, MESSAGE_TYPE_HANDLERS } from '../../src/chat/commands/index.js';
import { distinctWords, type Command } from '../../src/chat/registry.js';
import { i18n } from '../../src/domain/i18n.js';

const command = (name: string, words: string[]): Command => ({ name, words, title: i18n(name, name), usage: i18n('', ''), roles: 'all', run: async () => {} });

describe('the command registry', () => {
  it('is one value, help first, with every word claimed once', () => {
    expect(HELP_COMMAND).toBe(COMMANDS[0]);
    expect(HELP_COMMAND.name).toBe('help');
    expect(() => distinctWords(COMMANDS)).not.toThrow();
    expect(FREE_TEXT_HANDLERS.length).toBeGreaterThan(0);
    expect(Object.keys(MESSAGE_TYPE_HANDLERS).sort()).toEqual(['file', 'image', 'location']);
  });

  it('refuses a word two commands claim, whatever its case', () => {
    expect(() => distinctWords([command('a', ['Todo', '待办']), command('b', ['todo'])])).toThrow('command word "todo" is claimed by both a and b');
    expect(() => distinctWords([command('a', ['x', 'X'])])).not.toThrow();
  });
});
