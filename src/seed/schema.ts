/**
 * The shape of a seed file (one per article). `npm run docs` writes it as JSON Schema to
 * schema/seed.schema.json, which editors use to check and complete seed files as they are written.
 */
import { z } from 'zod';
import { DEFAULT_STATUS, FACT_STATUS_NAMES } from '../facts.ts';
import {
  ENTITY_LABELS,
  ENTITY_SINGLE_VALUED,
  entityPropertiesOf,
  isRealDate,
  PARTIAL_DATE,
  RELATION_PROPERTIES,
  RELATION_TYPE_NAMES,
  TENURES,
  type ENTITY_PROPERTIES,
  type EntityLabel,
  type EntitySingleValued,
} from '../model.ts';

/** Lengths past these are not news text but a mistake or an attack; they keep memory and Neo4j properties bounded. */
export const LENGTH_LIMITS = { name: 300, text: 5_000, list: 200 } as const;

const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug: lower-case letters and digits joined by single hyphens');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** ISO 8601 calendar date of year, month or day precision: 2025, 2025-06 or 2025-06-19. */
export const partialDate = z
  .string()
  .regex(PARTIAL_DATE, 'expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');


/** How a seed file gives each entity property of the model's table; which labels take which, the table says. */
const PROPERTY_SCHEMAS = {
  name: text(LENGTH_LIMITS.name),
  description: text(LENGTH_LIMITS.text).optional(),
  code: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as IL'),
  kind: text(80).describe('What sort of thing this is, e.g. government, think tank, city, war, book.'),
  date: partialDate.optional(),
  quote: text(LENGTH_LIMITS.text).describe('The words as printed, verbatim.'),
  form: z.enum(['direct', 'reported']).default('direct').describe('A quotation, or speech the article reports in its own words.'),
} satisfies Record<EntitySingleValued, z.ZodType>;

/** The properties of ENTITY_PROPERTIES that entities of label L carry. */
type PropertiesOf<L extends EntityLabel> = {
  [P in EntitySingleValued]: L extends (typeof ENTITY_PROPERTIES)[P]['labels'][number] ? P : never;
}[EntitySingleValued];

const id = slug.describe('Stable, global id: the same id in two seed files is the same node.');

/** What every entity takes beside its properties. */
const entityLists = {
  aliases: z
    .array(text(LENGTH_LIMITS.name))
    .max(LENGTH_LIMITS.list)
    .default([])
    .describe('Other names it goes by in the news ("Mr. Netanyahu", "Centcom", "American"): kept on the entity, searched, and matched in other articles.'),
  mentionedAs: z
    .array(text(LENGTH_LIMITS.name))
    .max(LENGTH_LIMITS.list)
    .default([])
    .describe(
      'How only this article refers to it ("his government", "the base"): used to find where this article names it, never kept as a name, so never searched for nor matched in other articles.',
    ),
  corrects: z
    .array(z.enum(ENTITY_SINGLE_VALUED as [EntitySingleValued, ...EntitySingleValued[]]))
    .max(ENTITY_SINGLE_VALUED.length)
    .optional()
    .describe(
      'Properties whose values here correct what earlier articles gave (e.g. [date]); without it, a value other than the one in the graph is refused.',
    ),
};

function labelSchema<L extends EntityLabel>(label: L) {
  const properties = Object.fromEntries(entityPropertiesOf(label).map((property) => [property, PROPERTY_SCHEMAS[property]])) as Pick<
    typeof PROPERTY_SCHEMAS,
    PropertiesOf<L>
  >;
  return z.strictObject({ label: z.literal(label), id, ...properties, ...entityLists });
}

type LabelSchema = { [L in EntityLabel]: ReturnType<typeof labelSchema<L>> }[EntityLabel];

export const entitySchema = z.discriminatedUnion('label', ENTITY_LABELS.map(labelSchema) as unknown as [LabelSchema, ...LabelSchema[]]);

const evidence = text(LENGTH_LIMITS.text);

export const relationSchema = z.strictObject({
  type: z.enum(RELATION_TYPE_NAMES as [string, ...string[]]),
  from: slug,
  to: slug,
  evidence: z
    .union([evidence, z.array(evidence).min(1).max(LENGTH_LIMITS.list)])
    .describe('The sentence or clause that states the relationship, verbatim from the article.'),
  status: z
    .enum(FACT_STATUS_NAMES as [string, ...string[]])
    .default(DEFAULT_STATUS)
    .describe(
      'How sure this article is that it is so: asserted (stated as so; the default), expected (planned, likely, potential), offered (offered or proposed by the subject), undecided (no decision yet), declined (the subject refused), denied (the text says it is not or will not be so).',
    ),
  date: partialDate.optional().describe('When it happened, or when the text reports it true, as precisely as the text says.'),
  since: partialDate.optional().describe('When it began to hold, where the text says it holds for a while; leave out if the text does not say.'),
  until: partialDate.optional().describe('When it stopped holding (the last year, month or day it held); leave out while it still holds.'),
  role: text(LENGTH_LIMITS.name).optional().describe('e.g. the office held: "Secretary of State". Tells apart two states of one type between the same two entities.'),
  share: text(LENGTH_LIMITS.name).optional().describe('e.g. how much of a territory is controlled: "roughly 50%". Tells apart two states of one type between the same two entities.'),
  regarding: text(LENGTH_LIMITS.name)
    .optional()
    .describe('What about the object is opposed, backed or required, e.g. "participation in the force". Tells apart two facts of one type between the same two entities.'),
  forces: text(LENGTH_LIMITS.name).optional().describe('e.g. which forces: "about 200 American soldiers".'),
  troops: z
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .optional()
    .transform((n) => (n === undefined ? undefined : String(n)))
    .describe('How many troops, as a number, where the text gives one (20000 for "20,000 troops"). One value per fact: another article’s other number is refused unless it corrects it.'),
  corrects: z
    .array(z.enum(['troops']))
    .max(1)
    .optional()
    .describe('Values this article gives as corrections of what earlier articles gave the same fact (e.g. [troops]); without it, another number is refused.'),
  tenure: z.enum(TENURES).optional().describe('How an office is held: former (it had ended by the article’s day: its until is that day unless given), acting, interim, designate, elect.'),
  attributedTo: slug
    .optional()
    .describe('The agency or outlet this article attributes the report to ("reported the Associated Press", "Israel Hayom has learned"): the id of an Organization or Person it names.'),
  overtakes: z
    .strictObject({
      type: z.enum(RELATION_TYPE_NAMES as [string, ...string[]]).optional().describe('Its type, if not this fact’s (an offer REJECTED, then ACCEPTED).'),
      from: slug.optional().describe('Its subject, if not this fact’s.'),
      to: slug.optional().describe('Its object, if not this fact’s.'),
      date: partialDate.optional().describe('Where it is an event: its date, as it was given.'),
      role: text(LENGTH_LIMITS.name).optional().describe('Its role, as it was given.'),
      share: text(LENGTH_LIMITS.name).optional().describe('Its share, as it was given.'),
      regarding: text(LENGTH_LIMITS.name).optional().describe('What it is about, as it was given.'),
    })
    .optional()
    .describe(
      'The earlier fact this one overtakes (control of a territory changing share, an office ending, an offer accepted after a rejection), named by its type, ends, role or share, and an event by its date; it may be defined by another article. It keeps its evidence and gets an end.',
    ),
} satisfies Record<(typeof RELATION_PROPERTIES)[number], unknown> & Record<string, unknown>);

export const articleSchema = z.strictObject({
  id: slug,
  title: text(LENGTH_LIMITS.name),
  publisher: text(LENGTH_LIMITS.name),
  publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine(isRealDate, 'is not a real calendar date'),
  path: text(LENGTH_LIMITS.text).describe('Where the publisher has it, as printed.'),
  text: text(500).describe('The article text file, relative to this seed file.'),
});

/** An entity the article names that another seed file or the graph defines: by its id alone, or with how this article refers to it. */
export const knownSchema = z.union([
  id,
  z.strictObject({ id, mentionedAs: entityLists.mentionedAs }),
]);

export const seedFileSchema = z.strictObject({
  article: articleSchema,
  entities: z.array(entitySchema).default([]),
  known: z
    .array(knownSchema)
    .max(LENGTH_LIMITS.list)
    .default([])
    .describe(
      'Entities the article names that another seed file or the graph defines, by id (e.g. turkey), or as { id, mentionedAs }: their label, name and other values come from there. An entity a relationship names needs no entry here.',
    ),
  relations: z.array(relationSchema).default([]),
});

export type SeedFileInput = z.input<typeof seedFileSchema>;
export type SeedFile = z.output<typeof seedFileSchema>;
export type EntityInput = z.output<typeof entitySchema>;
export type KnownInput = z.output<typeof knownSchema>;
export type RelationInput = z.output<typeof relationSchema>;

/** The JSON Schema text committed as schema/seed.schema.json. */
export function seedJsonSchemaText(): string {
  const schema = z.toJSONSchema(seedFileSchema, { io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'entity-graph seed file (one article)' }, null, 2)}\n`;
}
