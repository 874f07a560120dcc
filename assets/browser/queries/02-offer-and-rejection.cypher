// Offers: who made them, to whom, and who rejected or accepted them (the 25 most reported).
MATCH p = (:Entity)-[m:MADE]->(o:Offer)
WITH p, o ORDER BY m.sourceCount DESC LIMIT 25
OPTIONAL MATCH q = (o)-[:TO]->(:Entity)
OPTIONAL MATCH r = (:Entity)-[:REJECTED|ACCEPTED]->(o)
RETURN p, q, r
