// Offers: who made them, to whom, and who rejected or accepted them.
MATCH p = (:Entity)-[:MADE]->(o:Offer)
OPTIONAL MATCH q = (o)-[:TO]->(:Entity)
OPTIONAL MATCH r = (:Entity)-[:REJECTED|ACCEPTED]->(o)
RETURN p, q, r
