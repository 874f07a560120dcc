/**
 * Values derived from an object that never changes once made (kept only while it lives) and a
 * variant compared by value, such as an operation's field node and its variables. A few variants
 * per object are kept; past that number the object's variants are forgotten together, which
 * bounds memory without bookkeeping on every hit. Variants whose JSON is longer than `keyLimit`
 * are derived each time, never kept.
 */
export class VariantCache<Owner extends object, Value> {
  private readonly byOwner = new WeakMap<Owner, Map<string, Value>>();

  constructor(
    private readonly variantsPerOwner: number,
    private readonly keyLimit = Number.POSITIVE_INFINITY,
  ) {}

  get(owner: Owner, variant: unknown, derive: () => Value): Value {
    const key = JSON.stringify(variant) ?? '';
    let variants = this.byOwner.get(owner);
    const known = variants?.get(key);
    if (known !== undefined) return known;
    const value = derive();
    if (key.length <= this.keyLimit) {
      if (!variants) this.byOwner.set(owner, (variants = new Map()));
      if (variants.size >= this.variantsPerOwner) variants.clear();
      variants.set(key, value);
    }
    return value;
  }
}
