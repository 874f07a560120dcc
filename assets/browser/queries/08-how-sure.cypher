// How sure the news is: each country's part in a force, with the status of its latest report (asserted, expected, offered, undecided, declined or denied) and of each report in turn; the arrow's caption shows it where it is not plain.
MATCH p = (c:Country)-[r:CONTRIBUTES_TROOPS_TO]->(f:Organization)
RETURN p, c.name AS country, f.name AS force, r.status AS status, r.statuses AS reports, r.lastReported AS lastReported
ORDER BY force, status, country LIMIT 50
