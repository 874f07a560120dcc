/**
 * Withdrawing articles: everything they contributed is taken back, read from the article (the facts
 * it stated and overtook, its mentions), never by scanning the graph.
 */
import type { Tx } from '../../db/client.ts';
import { ARTICLE, MENTIONS } from '../../model.ts';
import type { StoredStatements } from './articles.ts';
import { takeBackFacts } from './facts.ts';
import { takeBackOvertakings, type OvertakingState } from './overtaking.ts';

/** What withdrawing articles took back: the entities they mentioned, and their definitions of those they defined. */
export interface Withdrawn {
  mentioned: string[];
  definitions: { entity: string; definition: string }[];
  /** Facts that went with the articles while other articles overtook them: if the batch states them again, they are overtaken again. */
  overtaken: OvertakingState[];
}

/**
 * Takes back everything the stored articles contributed (`stated`, as storedStatements read them
 * earlier in the transaction): their evidence, the facts only they stated, their mentions, and
 * (once the batch is written, see `removeOrphans`) the entities no article mentions any more.
 * Returns the entities they mentioned and the definitions their mentions carried, which the caller
 * takes out of those entities' claims.
 */
export async function withdrawArticles(tx: Tx, stated: StoredStatements[]): Promise<Withdrawn> {
  const ids = stated.map((article) => article.id);
  // What they overtook is given back first: the earlier facts as they were, unless another article overtakes them too.
  await takeBackOvertakings(tx, stated.flatMap(({ id, overtook }) => overtook.map((identity) => ({ identity, article: id }))));
  const overtaken = await takeBackFacts(tx, stated.map(({ id, facts }) => ({ article: id, facts })));
  const rows = await tx.query<{ entity: string; definition: string | null }>(
    `UNWIND $batch.ids AS id
     MATCH (:${ARTICLE} {id: id})-[m:${MENTIONS}]->(e)
     WITH m, e.id AS entity, m.definition AS definition DELETE m
     RETURN entity, definition`,
    { batch: { ids } },
  );
  return {
    mentioned: [...new Set(rows.map((row) => row.entity))],
    definitions: rows.flatMap(({ entity, definition }) => (definition === null ? [] : [{ entity, definition }])),
    overtaken,
  };
}
