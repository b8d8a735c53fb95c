-- wrk script: POST /api/v1/ask with a fixed, non-urgent question (see scripts/loadtest).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"question":"What are the common side effects of methotrexate?"}'
