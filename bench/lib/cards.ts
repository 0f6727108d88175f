/** Reading the cards the bot sent to the fake Lark, as a person's client would: the button to press. */
type Json = Record<string, unknown>;

/** The callback value of the first button in `card` whose value has `k` (and the `extra` fields). */
export function buttonValue(card: unknown, k: string, extra: Json = {}): Json | undefined {
  let found: Json | undefined;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Json;
    const v = o.tag === 'button' ? (o.behaviors as { value: Json }[] | undefined)?.[0]?.value : undefined;
    if (v && v.k === k && Object.entries(extra).every(([key, val]) => v[key] === val)) found = v;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}
