/**
 * Checks seed files before anything is written, every problem reported at once as
 * `file: path.to.field: message`: each file is parsed (parse.ts), the files are checked against each
 * other and against the graph (check.ts), and each article is planned and checked on its own
 * (plan.ts): ids, references, the model's rules, dates, and that every piece of evidence is a
 * verbatim substring of its article.
 */
import { UserFacingError } from '../errors.ts';
import {
  checkAgreement,
  checkStoredLabels,
  collectDefinitions,
  containmentProblems,
  likelyDuplicates,
  overtakingProblems,
  singleValueProblems,
  statementProblems,
  undatedBesideDated,
  type ExternalFacts,
  type StoredStatements,
  type ExternalContainment,
  type ExternalEntities,
  type StoredDefiners,
  type StoredLookalikes,
} from './check.ts';
import { parseSeedSources, readSeedSource, type SeedSource } from './parse.ts';
import { planArticle, plannedEntity, type ArticlePlan } from './plan.ts';

export class SeedValidationError extends UserFacingError {
  override name = 'SeedValidationError';
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the seed data:\n${problems.join('\n')}`);
  }
}

export interface ValidationContext {
  entities?: ExternalEntities;
  definers?: StoredDefiners;
  lookalikes?: StoredLookalikes;
  /** Hears each warning: two ids whose names or aliases are the same once folded (a likely duplicate), an article's undated event beside the dated one. */
  warn?: (warning: string) => void;
  /** Warnings are problems. */
  strict?: boolean;
  containment?: ExternalContainment;
  /** Facts in the graph that the files say they overtake. */
  facts?: ExternalFacts;
  /** Statements in the graph, by speaker and words. */
  statements?: StoredStatements;
  /** Articles loaded from seed files that are not being validated (unchanged ones), by id, with their file. */
  loadedArticles?: ReadonlyMap<string, string>;
}

export async function validateSeedFiles(files: string[], context: ValidationContext = {}): Promise<ArticlePlan[]> {
  const problems: string[] = [];
  const sources: SeedSource[] = [];
  for (const file of files) {
    try {
      sources.push(await readSeedSource(file));
    } catch (error) {
      problems.push(`${file}: cannot be read: ${(error as Error).message}`);
    }
  }
  return validateSeedSources(sources, context, problems);
}

export async function validateSeedSources(sources: SeedSource[], context: ValidationContext = {}, problems: string[] = []): Promise<ArticlePlan[]> {
  const parsed = await parseSeedSources(sources, problems);
  // Entities are global: collect every definition first, so any file may refer to any of them.
  const defined = collectDefinitions(parsed, context.loadedArticles, problems);

  // One look-up for the entities the files refer to without defining, and for those they define.
  const missing = [
    ...new Set(
      parsed
        .flatMap(({ seed }) => [
          ...seed.relations.flatMap((r) => [r.from, r.to, ...(r.attributedTo ? [r.attributedTo] : [])]),
          ...seed.known.map((k) => (typeof k === 'string' ? k : k.id)),
        ])
        .filter((id) => !defined.has(id)),
    ),
  ];
  const asked = [...defined.keys(), ...missing];
  const stored: Awaited<ReturnType<ExternalEntities>> =
    asked.length > 0 && context.entities ? await context.entities(asked, parsed.map(({ seed }) => seed.article.id)) : new Map();

  const knownNames = (id: string) => {
    const entity = stored.get(id);
    return entity ? [entity.name, ...entity.aliases] : [];
  };
  const warn = (warnings: string[]) => {
    for (const warning of warnings) {
      if (context.strict) problems.push(`${warning} (--strict)`);
      else context.warn?.(warning);
    }
  };
  warn(await likelyDuplicates(defined, context.lookalikes, knownNames));

  checkStoredLabels(defined, stored, problems);
  await checkAgreement(parsed, stored, context.definers, problems);

  const lookup = (id: string) => {
    const local = defined.get(id)?.entity;
    return local ? plannedEntity(local) : stored.get(id);
  };

  const plans = parsed.map((file) => planArticle(file, lookup, problems));
  warn(undatedBesideDated(plans));
  problems.push(...(await containmentProblems(parsed, context.containment)));
  problems.push(...(await overtakingProblems(plans, context.facts)));
  problems.push(...(await statementProblems(parsed, context.statements)));
  problems.push(...(await singleValueProblems(plans, context.facts)));
  if (problems.length > 0) throw new SeedValidationError(problems);
  return plans;
}
