-- wrk script: every request is the same GraphQL POST.
--   WRK_BODY_FILE  the JSON body ({"query": ..., "variables": ...})
--   WRK_API_KEY    the x-api-key header
local path = os.getenv("WRK_BODY_FILE")
assert(path, "set WRK_BODY_FILE to the file holding the JSON body")
local file = assert(io.open(path, "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json, application/json;q=0.9"
wrk.headers["x-api-key"] = os.getenv("WRK_API_KEY") or ""
