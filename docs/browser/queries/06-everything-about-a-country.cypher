// Everything the graph holds about one country, each fact with its evidence.
MATCH (c:Country {id: 'turkey'})-[r]-(other:Entity)
RETURN c.name AS country, type(r) AS relationship, other.name AS other,
       startNode(r) = c AS outgoing, r.date AS date, r.evidence AS evidence
ORDER BY relationship, other
