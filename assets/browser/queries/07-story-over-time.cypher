// The story over time: Israel's dated facts, earliest first, with when each began and ended; a fact a later one overtook says so in its caption.
MATCH p = (:Entity {id: 'israel'})-[r]-(:Entity)
WHERE r.dateFrom IS NOT NULL
WITH p, r ORDER BY r.dateFrom, type(r) LIMIT 50
RETURN p, type(r) AS fact, coalesce(r.date, r.since) AS from, coalesce(r.until, r.overtakenUntil) AS until, r.overtakenBy IS NOT NULL AS overtaken
