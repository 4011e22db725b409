-- wrk script (every benchmark): GET /_stratus/health, Stratus's cheapest endpoint (the ceiling of this server on this machine).
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function request()
    return wrk.format("GET", "/_stratus/health")
end

setup = common.setup
response = common.count_response
done = common.done
