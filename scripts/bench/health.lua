-- wrk script (every benchmark): GET /_stratus/health, Stratus's cheapest endpoint (the ceiling of this server on this
-- machine). No `request` or `response` function: wrk sends one prebuilt request over and over and counts answers of
-- 400 or more itself (`status_errors`), so the load generator spends as little of the shared cores as it can.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

setup = common.setup
done = common.done
