-- wrk script: DynamoDB UpdateItem (durable), a read-modify-write of a seeded item per request: `SET hits =
-- if_not_exists(hits, :zero) + :one, touched = :n` on pk = "seed-<i / 10>", sk = "<i % 10>", each thread walking
-- the items from its own offset, with the condition that the item exists.
-- No `response` function: wrk counts answers of 400 or more (`status_errors`). Environment: TABLE_NAME, SEED_ITEMS.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local table_name = assert(os.getenv("TABLE_NAME"), "TABLE_NAME is not set")
local seed_items = assert(tonumber(os.getenv("SEED_ITEMS")), "SEED_ITEMS is not set")
local headers = common.headers("DynamoDB_20120810.UpdateItem", "dynamodb")
local counter = 0

function request()
    counter = counter + 1
    local i = (thread_id * 7919 + counter) % seed_items
    local body = string.format('{"TableName":"%s","Key":{"pk":{"S":"seed-%d"},"sk":{"S":"%d"}},'
        .. '"UpdateExpression":"SET hits = if_not_exists(hits, :zero) + :one, touched = :n",'
        .. '"ConditionExpression":"attribute_exists(pk)",'
        .. '"ExpressionAttributeValues":{":zero":{"N":"0"},":one":{"N":"1"},":n":{"N":"%d"}}}',
        table_name, math.floor(i / 10), i % 10, counter)
    return wrk.format("POST", "/", headers, body)
end

setup = common.setup
done = common.done
