// How is Turkey connected to Iran? The shortest chain of facts between them.
MATCH (a:Entity {id: 'turkey'}), (b:Entity {id: 'iran'})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN p
