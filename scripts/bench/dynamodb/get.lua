-- wrk script: DynamoDB GetItem of the items run.py seeded (pk = "seed-<i / 10>", sk = "<i % 10>" for i below
-- SEED_ITEMS), each thread walking them from its own offset. Counts answers without an Item (there should be none).
-- Environment: TABLE_NAME, SEED_ITEMS.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local table_name = assert(os.getenv("TABLE_NAME"), "TABLE_NAME is not set")
local seed_items = assert(tonumber(os.getenv("SEED_ITEMS")), "SEED_ITEMS is not set")
local headers = common.headers("DynamoDB_20120810.GetItem", "dynamodb")
local counter = 0
misses = 0

function request()
    counter = counter + 1
    local i = (thread_id * 7919 + counter) % seed_items
    local body = string.format('{"TableName":"%s","Key":{"pk":{"S":"seed-%d"},"sk":{"S":"%d"}}}',
        table_name, math.floor(i / 10), i % 10)
    return wrk.format("POST", "/", headers, body)
end

function response(status, headers, body)
    common.count_response(status, headers, body)
    if status == 200 and not string.find(body or "", '"Item"', 1, true) then misses = misses + 1 end
end

setup = common.setup

function done(summary, latency, requests)
    local m = 0
    for _, thread in ipairs(common.threads) do m = m + (thread:get("misses") or 0) end
    common.done(summary, latency, requests)
    io.write(string.format("BENCH misses=%d\n", m))
end
